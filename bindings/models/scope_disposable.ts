// `using x = …` for models that do not extend Model: Symbol.dispose (or its registered stand-in where
// the engine has none) calls dispose(). A base class of its own, so the computed method key (which
// bundlers must keep as a possible side effect) sits in this one small class, and the classes that
// extend it can still be dropped from apps that never use them.

const disposeSymbol: symbol = (Symbol as { dispose?: symbol }).dispose ?? Symbol.for("Symbol.dispose");

export abstract class ScopeDisposable {
  /** Frees what the object holds. */
  abstract dispose(): void;

  /** `using model = …` disposes it at the end of the scope. */
  [disposeSymbol](): void {
    this.dispose();
  }
}
