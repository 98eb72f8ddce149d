/**
 * A fastText file wasmax cannot read: not a fastText model, a version other than 12, an unsupervised
 * model, a truncated file, or a field whose value is impossible or inconsistent with the others.
 * `field` names it ("dictionary entry 12 count", "input matrix rows") and `offset` is the byte where it
 * starts.
 */
export class FastTextError extends Error {
  /** "FastTextError", for tests by name. */
  override readonly name = "FastTextError";
  /** The field at fault. */
  readonly field: string;
  /** Byte offset of the field in the file. */
  readonly offset: number;

  constructor(field: string, offset: number, message: string) {
    super(`fastText file: ${field} (byte ${offset}): ${message}`);
    this.field = field;
    this.offset = offset;
  }
}
