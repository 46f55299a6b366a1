"""Official CERFA forms: one field map per form version, recognition of an uploaded blank, fill and flatten.

A **field map** (`maps.FieldMap`, one module per version, e.g. `cerfa_10103_14.py`) says everything Cactus
knows about one official blank:

- `scheme` — the dispositif it serves: "apprentissage" or "professionnalisation";
- `number` — the CERFA number as printed ("10103*14"); `title` — the form's title;
- `valid_from` / `valid_until` — the dates the version is in force (`valid_until` None: still in force).
  A new version is a new module with its own map, appended to `registry.FIELD_MAPS`; the old map stays
  (a dossier already produced on it can be re-rendered) with its `valid_until` set;
- `fields` — every AcroForm field of the blank, in page order, as `FormField(name, page, kind, rect, label)`:
  the exact field name stored in the PDF, the 1-based page, `TEXT` or `CHECK`, the widget rectangle
  `(x1, y1, x2, y2)` in PDF points (origin bottom left) and the printed label it belongs to (for people).
  Recognition compares an uploaded PDF's field names, count and rectangles with this tuple; the own
  rendition (`renderers/`) may draw its boxes at the same rectangles;
- `values(data) -> {field name: str | bool}` — from `dossiers.export.dossier_data` keys to field values:
  a string for a text field (already formatted as printed: dates split in day/month/year boxes, amounts in
  euros/centimes), True/False for a check box (absent: left blank). Only names of `fields` may appear.

`registry.recognise(content)` tells which map an uploaded PDF is (or raises `DocumentError` in French);
`registry.map_in_force(scheme, on=date)` the version to use; `filling.fill(blank, field_map, data)`
returns the filled and flattened PDF.
"""
