/**
 * The first item of each content, by a hash of the content, each match confirmed: an open-addressing table of
 * typed arrays (no map entry or object per item: a list whose lines all differ puts every row in it). Items of
 * one hash are met in the order they came along their probe sequence, so the first alike item found is the
 * earliest. Hand-written: a Map keyed by the hash needs a bucket array per colliding hash and boxes nothing
 * smaller than a Map entry per row.
 */
export class FirstByHash<T> {
  private readonly hashes: Int32Array;
  /** Index in `items` + 1 (0: an empty slot). */
  private readonly slots: Int32Array;
  private readonly items: T[] = [];

  constructor(
    capacity: number,
    private readonly same: (earlier: T, later: T) => boolean,
  ) {
    let size = 16;
    while (size < capacity * 2) size *= 2;
    this.hashes = new Int32Array(size);
    this.slots = new Int32Array(size);
  }

  /** The earlier item alike to this one; when there is none, the item is kept as the first of its content. */
  firstAlike(item: T, hash: number): T | undefined {
    const mask = this.slots.length - 1;
    for (let slot = (hash ^ (hash >>> 15)) & mask; ; slot = (slot + 1) & mask) {
      const at = this.slots[slot];
      if (at === 0) {
        this.items.push(item);
        this.slots[slot] = this.items.length;
        this.hashes[slot] = hash;
        return undefined;
      }
      if (this.hashes[slot] === hash && this.same(this.items[at - 1], item)) return this.items[at - 1];
    }
  }
}
