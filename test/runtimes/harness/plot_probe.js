// wasmax/plot promises the same bytes in every runtime: two charts whose coordinates and tick values
// are fractions, drawn by whichever build of "wasmax/plot" the harness loaded (ESM or CommonJS).

export function drawPlots({ lossCurveSVG, decisionRegionsSVG }) {
  const fractions = [0.93, 0.61, 0.4444, 0.3, 0.29, 0.2875];
  const points = [
    [0.1, 0.3],
    [0.7, 0.2],
  ];
  return (
    lossCurveSVG(fractions, { accuracy: fractions.map((v) => 1 - v / 3) }) +
    decisionRegionsSVG((grid) => grid.map(([a, b]) => (a > b ? "x" : "y")), points, ["y", "x"], { resolution: 7 })
  );
}
