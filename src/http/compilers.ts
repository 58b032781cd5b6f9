// Fastify's schema compilers, kept off the start-up path. Compiling every route's body schema
// with Ajv and every response schema with fast-json-stringify took about half a second of CPU
// before the first answer. Body validators are compiled on first use (or by warmUp(), after the
// proxy listens), with Fastify's own Ajv compiler (same options, formats and keywords), loaded
// then too. Response schemas are documentation only (the OpenAPI document): every envelope
// leaves as a string already serialized within its byte budget (sendEnvelope), and the few
// object answers (health, version) are serialized with JSON.stringify.
import { createRequire } from 'node:module';
import type { FastifySerializerCompiler, FastifyServerOptions } from 'fastify';

type CompilersFactory = NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>;
type Validator = ((data: unknown) => boolean) & { errors?: unknown };
/** How Fastify calls a validator compiler factory and uses what it returns (its types name Ajv's own). */
type BuildValidator = (externalSchemas: unknown, ajvOptions: unknown) => (route: unknown) => Validator;

const loadAjvCompilerPool = (): BuildValidator => (createRequire(import.meta.url)('@fastify/ajv-compiler') as () => BuildValidator)();

export class LazyCompilers {
  /** Compiles of validators not used yet; warmUp() runs them. */
  readonly #pending = new Set<() => Validator>();
  /** Fastify's Ajv instances, one per set of options and shared schemas; made on first compile. */
  #ajvPool: BuildValidator | undefined;

  readonly #buildValidator: BuildValidator = (externalSchemas, ajvOptions) => (route) => {
    let compiled: Validator | undefined;
    const compile = (): Validator => {
      this.#pending.delete(compile);
      this.#ajvPool ??= loadAjvCompilerPool();
      compiled ??= this.#ajvPool(externalSchemas, ajvOptions)(route);
      return compiled;
    };
    this.#pending.add(compile);
    // Fastify reads `errors` from the function it called when that returned false.
    const validate: Validator = (data) => {
      const inner = compiled ?? compile();
      const valid = inner(data);
      validate.errors = inner.errors;
      return valid;
    };
    return validate;
  };

  readonly factory = {
    // Fastify's types want Ajv's ValidateFunction; it only calls the function and reads `errors`.
    buildValidator: this.#buildValidator as unknown as CompilersFactory['buildValidator'],
    buildSerializer: () => (() => (data: unknown) => JSON.stringify(data)) satisfies FastifySerializerCompiler<unknown>,
  } satisfies CompilersFactory;

  /** Compiles the validators not used yet, one per macrotask so requests interleave. */
  async warmUp(): Promise<void> {
    for (const compile of [...this.#pending]) {
      await new Promise((resolve) => setImmediate(resolve));
      compile();
    }
  }
}
