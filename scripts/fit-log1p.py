# Fits the polynomial q of assembly/inline/activations.ts: log1p(u) ≈ u·q(u) on [0, 1], degree 8,
# by iteratively reweighted least squares on Chebyshev nodes (a Remez-like equalisation of the
# relative error), then checks the float32 coefficients evaluated in float32 Horner form.
#   python3 scripts/fit-log1p.py      (numpy)
import numpy as np

DEG = 8
u = np.cos(np.pi * (np.arange(4000) + 0.5) / 4000) * 0.5 + 0.5
f = np.log1p(u) / u
w = np.ones_like(u)
for _ in range(30):
    c = np.polynomial.polynomial.polyfit(u, f, DEG, w=w)
    err = np.polynomial.polynomial.polyval(u, c) / f - 1
    w = w * (1 + np.abs(err) / np.abs(err).max())
c32 = c.astype(np.float32)
uu = np.linspace(0, 1, 200001).astype(np.float32)
q = np.zeros_like(uu)
for k in c32[::-1]:
    q = (q * uu + k).astype(np.float32)
rel = np.abs((uu * q).astype(np.float32)[1:] - np.log1p(uu[1:].astype(np.float64))) / np.log1p(uu[1:].astype(np.float64))
print("max relative error in f32:", rel.max())
for i, k in enumerate(c32):
    print(f"Q{i} = {float(k)!r}  // 0x{np.float32(k).view(np.uint32):08x}")
