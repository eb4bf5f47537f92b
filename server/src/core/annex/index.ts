/** The annex of a Conflict Minerals Report: the model (model.ts) and its renderings (render.ts). */
export { annexOrder, buildAnnex } from './model';
export type { Annex, AnnexRow, MetalCounts } from './model';
export { ANNEX_FORMATS, annexCells, annexHeader, annexSentences, longDate, renderAnnex } from './render';
export type { AnnexFormat } from './render';
