// Vite as documented: nothing to configure for wasmax itself (base "./" only because the test serves
// the build from a subfolder).
export default { base: "./", build: { emptyOutDir: true } };
