// The JSON Schema builders fault parameters are declared with (`Type.Object`, `Type.Integer`,
// …) and the parameter types they infer (`Static`). The faults used TypeBox for this; loading
// its ~370 modules was about a quarter of the mock's start-up, for five builders. These build
// the same JSON as TypeBox did (scenarios/scenario.schema.json, generated from them, is checked
// against the file), and nothing but JSON: a schema is plain data.

/** Type-level mark of an optional property; never present at run time. */
declare const optional: unique symbol;

export interface TSchema {
  type: string;
  description?: string;
  default?: unknown;
}

export interface TInteger extends TSchema {
  type: 'integer';
}

export interface TNumber extends TSchema {
  type: 'number';
}

export interface TString extends TSchema {
  type: 'string';
}

export type TProperties = Record<string, TSchema>;

/** `additionalProperties`: true (any value) or the schema every extra value follows. */
type Additional = true | TSchema | undefined;

export interface TObject<Properties extends TProperties = TProperties, Extra extends Additional = Additional> extends TSchema {
  type: 'object';
  required?: string[];
  properties: Properties;
  additionalProperties?: Extra;
}

/** A property an object may leave out (the mark exists for the type checker only). */
export type TOptional<Schema extends TSchema> = Schema & { readonly [optional]: true };

interface NumberOptions {
  description?: string;
  default?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
}

interface StringOptions {
  description?: string;
  default?: string;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
}

interface ObjectOptions<Extra extends Additional> {
  description?: string;
  additionalProperties?: Extra;
}

/** The schemas Optional made; Object leaves them out of `required`. */
const optionals = new WeakSet<TSchema>();

export const Type = {
  Integer: (options: NumberOptions = {}): TInteger => ({ type: 'integer', ...options }),
  Number: (options: NumberOptions = {}): TNumber => ({ type: 'number', ...options }),
  String: (options: StringOptions = {}): TString => ({ type: 'string', ...options }),
  Optional<Schema extends TSchema>(schema: Schema): TOptional<Schema> {
    const copy = { ...schema };
    optionals.add(copy);
    return copy as TOptional<Schema>;
  },
  Object<Properties extends TProperties, Extra extends Additional = undefined>(properties: Properties, options: ObjectOptions<Extra> = {}): TObject<Properties, Extra> {
    const required = Object.keys(properties).filter((key) => !optionals.has(properties[key]!));
    return { type: 'object', ...(required.length > 0 ? { required } : {}), properties, ...options };
  },
};

/** The value a schema describes (a step's parameters, once the schema has accepted them). */
export type Static<Schema> =
  Schema extends TObject<infer Properties, infer Extra>
    ? StaticProperties<Properties> & ExtraStatic<Extra>
    : Schema extends TInteger | TNumber
      ? number
      : Schema extends TString
        ? string
        : unknown;

/** An object of these properties; any object when they are not known (a fault of any kind). */
export type StaticProperties<Properties extends TProperties> = string extends keyof Properties
  ? object
  : { [Key in Exclude<keyof Properties, OptionalKeys<Properties>>]: Static<Properties[Key]> } & { [Key in OptionalKeys<Properties>]?: Static<Properties[Key]> };

type OptionalKeys<Properties> = { [Key in keyof Properties]: Properties[Key] extends { readonly [optional]: true } ? Key : never }[keyof Properties];
type ExtraStatic<Extra> = Extra extends true ? Record<string, unknown> : Extra extends TSchema ? Record<string, Static<Extra>> : unknown;
