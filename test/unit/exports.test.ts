/**
 * Real supplier lists and other tools' exports, read right whatever their layout: supplier columns headed in
 * any of the templates' languages, count tables that are no smelter lists, a company's export filtered to
 * conformant smelters told from RMI's own published list, and 2012–2014 CMRT exports that had no CIDs to give.
 */
import * as assert from 'node:assert/strict';
import { analyzeText } from '../../server/src/core/lint';
import { supplierColumn } from '../../server/src/core/supplier';
import { namesSupplier } from '../../server/src/core/parse/header';

/** A consolidated list whose supplier column is headed `header`, suppliers interleaved (no blocks to read them by). */
function consolidatedCsv(header: string): string {
  return [
    `Metal,Smelter Name,Country,Smelter ID,${header}`,
    'Gold,Argor-Heraeus S.A.,SWITZERLAND,CID000077,Acme SA',
    'Tin,Minsur,PERU,CID001182,Beta GmbH',
    'Gold,Argor-Heraeus S.A.,SWITZERLAND,CID000077,Beta GmbH',
    'Tin,Minsur,PERU,CID001182,Acme SA',
    'Tantalum,Ulba Metallurgical Plant JSC,KAZAKHSTAN,CID001969,Beta GmbH',
  ].join('\n');
}

describe('exports: a supplier column headed in any of the templates’ languages', () => {
  it('is the supplier column of a consolidated list, by its header alone', () => {
    const headers = [
      'Fournisseur',
      'Nom du fournisseur',
      'Lieferant',
      'Lieferantenname',
      'Proveedor',
      'Nombre del proveedor',
      'Fornecedor',
      'Fornitore',
      'Tedarikçi',
      'Tedarikçi Adı',
      '供应商',
      '供应商名称',
      '供應商',
      'サプライヤー',
      'サプライヤー名',
      '공급업체',
      '공급업체명',
      'Supplier(s)',
    ];
    for (const header of headers) {
      const t = analyzeText(consolidatedCsv(header), { fileName: 'x.csv' }).model.tables[0];
      assert.deepEqual(supplierColumn(t), { column: 4, basis: 'header' }, header);
    }
  });

  it('a column about the supplier (its country, number, contact) is not its name, in any language', () => {
    for (const header of ['Pays du fournisseur', 'Lieferantennummer', 'Supplier Contact', '供应商联系人', 'E-mail del proveedor']) {
      assert.equal(namesSupplier(header), false, header);
    }
    for (const header of ['Declaring Company', 'Reported by', 'Source File', 'VendorName', 'Filename'])
      assert.equal(namesSupplier(header), true, header);
  });
});
