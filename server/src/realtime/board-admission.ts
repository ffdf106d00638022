/**
 * How many board sockets one address, and the server as a whole, may hold. A venue
 * NAT puts every screen behind one address, so the per-address cap is generous; it
 * is there so one client cannot open sockets until memory runs out.
 */
export class BoardAdmission {
  private readonly byAddress = new Map<string, number>();
  private readonly admitted = new Map<string, string>();

  constructor(
    private readonly perAddress: number,
    private readonly total: number,
  ) {}

  /** Reserve a place for socket `id` from `address`; the reason when there is none. */
  admit(id: string, address: string): 'ok' | 'address_full' | 'server_full' {
    if (this.admitted.has(id)) return 'ok';
    if (this.admitted.size >= this.total) return 'server_full';
    const n = this.byAddress.get(address) ?? 0;
    if (n >= this.perAddress) return 'address_full';
    this.byAddress.set(address, n + 1);
    this.admitted.set(id, address);
    return 'ok';
  }

  /** Give the place back (idempotent: called on disconnect and when the connection closes). */
  release(id: string): void {
    const address = this.admitted.get(id);
    if (address === undefined) return;
    this.admitted.delete(id);
    const n = (this.byAddress.get(address) ?? 1) - 1;
    if (n <= 0) this.byAddress.delete(address);
    else this.byAddress.set(address, n);
  }

  /**
   * Admit a board socket at the last step before it joins, and give its place back however its
   * connection ends; the error to hand to the handshake when there is no place.
   */
  admitSocket(socket: { id: string; conn: { once(event: 'close', fn: () => void): unknown } }, address: string): Error | undefined {
    const admitted = this.admit(socket.id, address);
    if (admitted !== 'ok') return Object.assign(new Error(admitted), { data: admissionRefusal(admitted) });
    socket.conn.once('close', () => this.release(socket.id));
    return undefined;
  }

  get size(): number {
    return this.admitted.size;
  }
}

export const admissionRefusal = (reason: 'address_full' | 'server_full') =>
  reason === 'address_full'
    ? { code: 'rate_limited', message: 'Too many screens from this address', pesan: 'Terlalu banyak layar dari alamat ini' }
    : { code: 'rate_limited', message: 'The server has as many screens as it can take', pesan: 'Server sudah melayani layar sebanyak yang ia mampu' };
