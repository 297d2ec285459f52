"""Reads an XLSX file as a spreadsheet program would (openpyxl) and prints its first sheet
as JSON: the sheet name, the frozen pane, the filter and every row with each cell's value
and type (dates as ISO strings), so the Rust test can check the export."""
import datetime
import json
import sys

import openpyxl


def cell(v):
    if isinstance(v, datetime.datetime):
        return {"date": v.date().isoformat()}
    if isinstance(v, (int, float)):
        return {"number": v}
    if v is None:
        return None
    return {"text": str(v)}


book = openpyxl.load_workbook(sys.argv[1])
sheet = book.worksheets[0]
print(json.dumps({
    "name": sheet.title,
    "freeze": sheet.freeze_panes,
    "filter": sheet.auto_filter.ref,
    "formats": [c.number_format for c in sheet[2]] if sheet.max_row > 1 else [],
    "rows": [[cell(c) for c in row] for row in sheet.iter_rows(values_only=True)],
}))
