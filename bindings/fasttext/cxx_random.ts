// The random numbers fastText's product quantizer draws, exactly as GNU libstdc++ makes them, so that the
// k-means (seeded with 1234) picks the same points and gives the same codes as native fastText:
// - std::minstd_rand: x <- 48271 x mod (2^31 - 1), values 1..2^31 - 2;
// - std::uniform_int_distribution: downscaling by rejection (draw - 1 < range * floor(2147483645 / range));
// - std::uniform_real_distribution<double>(0, 1): generate_canonical<double, 53>, two draws:
//   ((d1 - 1) + (d2 - 1) r) / r^2 with r = 2^31 - 2;
// - std::shuffle: when n^2 fits the generator's range, one draw gives two swap positions
//   (__gen_two_uniform_ints, libstdc++ since GCC 9), else one draw per position (Fisher-Yates from the front).

const MODULUS = 2147483647;
const RANGE = 2147483645; // max - min of minstd_rand
const R = 2147483646; // RANGE + 1, the number of values

/** std::minstd_rand. */
export class MinstdRand {
  private x: number;

  constructor(seed: number) {
    const s = seed % MODULUS;
    this.x = s <= 0 ? (s === 0 ? 1 : s + MODULUS) : s;
  }

  /** The next value, 1..2^31 - 2. */
  next(): number {
    this.x = (this.x * 48271) % MODULUS;
    return this.x;
  }

  /** std::uniform_int_distribution<>(a, b)(*this), b - a < 2^31 - 2. */
  uniformInt(a: number, b: number): number {
    const range = b - a;
    if (range === RANGE) return this.next() - 1 + a;
    const values = range + 1;
    const scaling = Math.floor(RANGE / values);
    const past = values * scaling;
    let draw: number;
    do draw = this.next() - 1;
    while (draw >= past);
    return Math.floor(draw / scaling) + a;
  }

  /** std::uniform_real_distribution<double>(0, 1)(*this). */
  uniformReal(): number {
    const low = this.next() - 1;
    const high = this.next() - 1;
    const value = (low + high * R) / (R * R);
    return value >= 1 ? 1 - 2 ** -53 : value;
  }

  /** std::shuffle(values.begin(), values.end(), *this). */
  shuffle(values: Int32Array): void {
    const n = values.length;
    if (n < 2) return;
    if (Math.floor(RANGE / n) >= n) {
      let i = 1;
      if (n % 2 === 0) swap(values, i++, this.uniformInt(0, 1));
      while (i < n) {
        const swapRange = i + 1;
        const both = this.uniformInt(0, swapRange * (swapRange + 1) - 1);
        swap(values, i++, Math.floor(both / (swapRange + 1)));
        swap(values, i++, both % (swapRange + 1));
      }
      return;
    }
    for (let i = 1; i < n; i++) swap(values, i, this.uniformInt(0, i));
  }
}

function swap(values: Int32Array, i: number, j: number): void {
  const t = values[i]!;
  values[i] = values[j]!;
  values[j] = t;
}
