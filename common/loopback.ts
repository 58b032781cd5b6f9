// Loopback: the one network place both services trust without a secret (plain http to the
// mock, the mock's admin API without MOCK_ADMIN_TOKEN).

/** A hostname (URL.hostname or a bare name) that stays on this machine. */
export function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '::1' || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

/** A socket's remote address on this machine (IPv4-mapped IPv6 included). */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  return isLoopbackHost(address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address);
}
