/**
 * The minerals of RMI's other reporting templates, as their Metal drop-downs and Smelter Look-ups spell them:
 * the Extended Minerals Reporting Template (EMRT 2.x: cobalt, copper, natural graphite, lithium, mica,
 * nickel) and the Additional Minerals Reporting Template (AMRT 1.3's look-up: aluminium, platinum-group
 * metals, rare earths, silver, zinc...). Not conflict minerals: a table of them is still a smelter table (an
 * EMRT's Smelter List), whose metals the workbook's own template decides (metal-unknown).
 */
const MINERALS: ReadonlySet<string> = new Set(
  [
    'Cobalt',
    'Copper',
    'Graphite',
    'Natural Graphite',
    'Lithium',
    'Mica',
    'Nickel',
    'Aluminum',
    'Aluminium',
    'Iridium',
    'Lime',
    'Manganese',
    'Palladium',
    'Platinum',
    'Rare Earth Elements',
    'Rhodium',
    'Ruthenium',
    'Silver',
    'Soda Ash',
    'Zinc',
  ].map((m) => m.toLowerCase()),
);

/** Whether a metal cell names a mineral of RMI's EMRT or AMRT ("Cobalt", "Rare Earth Elements"). */
export function isTemplateMineral(value: string): boolean {
  if (value.length > 100) return false; // no mineral's name is that long: a long cell is not normalised to see it
  return MINERALS.has(value.trim().replace(/\s+/g, ' ').toLowerCase());
}
