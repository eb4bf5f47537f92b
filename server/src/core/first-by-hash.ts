/**
 * The first item of each content, by a hash of the content, each match confirmed: an open-addressing table of
 * typed arrays (no map entry or object per item: a list whose lines all differ puts every row in it). Items of
 * one hash are met in the order they came along their probe sequence, so the first alike item found is the
 * earliest. Hand-written: a Map keyed by the hash needs a bucket array per colliding hash and boxes nothing
 * smaller than a Map entry per row.
 */
export class FirstByHash<T> {
  /** Per slot, the hash and then the index in `items` + 1 (0: an empty slot), side by side: one cache line per probe. */
  private slots: Int32Array;
  private readonly items: T[];
  /** Each item's hash, to place the items again when the table grows. */
  private hashes: Int32Array;
  private count = 0;

  /**
   * `capacity`: the items expected. The table grows past it (kept at most half full), so a small guess keeps a
   * table of few distinct items small enough for the processor's caches.
   */
  constructor(
    capacity: number,
    private readonly same: (earlier: T, later: T) => boolean,
  ) {
    let size = 16;
    while (size < capacity * 2) size *= 2;
    this.slots = new Int32Array(size * 2);
    this.hashes = new Int32Array(Math.max(capacity, 16));
    this.items = new Array<T>(Math.min(capacity, 1 << 20));
  }

  /** The earlier item alike to this one; when there is none, the item is kept as the first of its content. */
  firstAlike(item: T, hash: number): T | undefined {
    const slots = this.slots;
    const mask = (slots.length >> 1) - 1;
    for (let slot = (hash ^ (hash >>> 15)) & mask; ; slot = (slot + 1) & mask) {
      const at = slots[slot * 2 + 1];
      if (at === 0) {
        this.add(item, hash, slot);
        return undefined;
      }
      if (slots[slot * 2] === hash && this.same(this.items[at - 1], item)) return this.items[at - 1];
    }
  }

  /** Keeps a new item at its empty slot, and grows the table when it is half full. */
  private add(item: T, hash: number, slot: number): void {
    if (this.count === this.hashes.length) {
      const hashes = new Int32Array(this.count * 2);
      hashes.set(this.hashes);
      this.hashes = hashes;
    }
    this.hashes[this.count] = hash;
    this.items[this.count++] = item;
    this.slots[slot * 2] = hash;
    this.slots[slot * 2 + 1] = this.count;
    if (this.count * 4 > this.slots.length) this.grow();
  }

  /** Twice the slots, the items placed again in the order they came (so the earliest of a hash is met first). */
  private grow(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = (slots.length >> 1) - 1;
    for (let i = 0; i < this.count; i++) {
      const hash = this.hashes[i];
      let slot = (hash ^ (hash >>> 15)) & mask;
      while (slots[slot * 2 + 1] !== 0) slot = (slot + 1) & mask;
      slots[slot * 2] = hash;
      slots[slot * 2 + 1] = i + 1;
    }
    this.slots = slots;
  }
}

/**
 * 1 for the candidates (1 in `candidate`) whose hash another candidate's may equal: a count per bucket of
 * hashes (two bits each, up to 2^20 buckets in 256 KB, which the processor's caches hold). A candidate whose
 * bucket no other fell into is alike to none: only the others need looking up in a FirstByHash, so a list whose
 * lines all differ puts a few thousand rows in a table of hashes, not all of its 100k.
 */
export function sharedHashes(hashes: Int32Array, candidate: Uint8Array): Uint8Array {
  let bits = 10;
  while (bits < 20 && 1 << bits < candidate.length * 8) bits++;
  const mask = (1 << bits) - 1;
  const counts = new Uint8Array(1 << (bits - 2));
  const shared = new Uint8Array(candidate.length);
  for (let pass = 0; pass < 2; pass++)
    for (let i = 0; i < candidate.length; i++) {
      if (candidate[i] === 0) continue;
      // the buckets are taken above the lowest bit: a row hash always sets it (rowHashesOf in analysis.ts)
      const b = (hashes[i] >>> 1) & mask;
      const shift = (b & 3) << 1;
      const n = (counts[b >> 2] >> shift) & 3;
      if (pass === 0) {
        if (n < 2) counts[b >> 2] += 1 << shift;
      } else if (n >= 2) shared[i] = 1;
    }
  return shared;
}
