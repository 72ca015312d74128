"""Validate a generated country (one workbook per agency, three header styles)
with frictionless, the way an officer would script it: one Python process, one
Table Schema per header style built from the same per-field descriptors as the
single-file schema, the header row of each file taken from the manifest.

Usage: frictionless_country.py DATA_DIR    (DATA_DIR holds manifest.json)
Prints a one-line summary; exit code 1 when any file is invalid.
"""

import json
import os
import sys
from pathlib import Path

from frictionless import Dialect, Resource, Schema, formats

LIMIT_ERRORS = 10**9


def schema_for(columns, by_key):
    fields = []
    for header, key in columns:
        if key is None:
            fields.append({"name": header, "type": "integer"})
        else:
            d = dict(by_key[key])
            d["name"] = header
            fields.append(d)
    return Schema.from_descriptor({"fields": fields, "missingValues": [""]})


def main():
    root = Path(sys.argv[1])
    # frictionless refuses absolute paths ("not safe"): work relative to the data.
    os.chdir(root)
    root = Path(".")
    manifest = json.loads((root / "manifest.json").read_text())
    by_key = json.loads((root / "schema" / "fields-by-key.json").read_text())
    schemas = {name: schema_for(cols, by_key) for name, cols in manifest["styles"].items()}
    files = rows = errors = invalid = 0
    for f in manifest["files"]:
        controls = []
        if f["format"] == "xlsx":
            controls.append(formats.ExcelControl(sheet=f["sheet"]))
        dialect = Dialect(header_rows=[f["header_row"]], controls=controls)
        resource = Resource(str(root / f["path"]), schema=schemas[f["style"]], dialect=dialect)
        report = resource.validate(limit_errors=LIMIT_ERRORS)
        task = report.tasks[0]
        broken = [e for e in task.errors if e.type in ("resource-error", "scheme-error", "source-error")]
        if broken:
            print(f"frictionless_country: {f['path']}: {broken[0].message}", file=sys.stderr)
            return 2
        files += 1
        rows += task.stats.get("rows") or 0
        errors += task.stats.get("errors") or 0
        invalid += 0 if report.valid else 1
    print(f"frictionless: {files} files, {rows} rows, {errors} errors, {invalid} invalid files")
    return 1 if invalid else 0


if __name__ == "__main__":
    sys.exit(main())
