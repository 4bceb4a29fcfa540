#!/usr/bin/env python3
"""Builds the hostile workbooks of tests/data/hostile/ (issue 4, point 2).

Each one must be refused by `ptba check` cleanly: exit 1 or 2, within
seconds, in bounded memory, never a crash. Run from the repository root:

    python3 tests/data/make_hostile.py

Needs LibreOffice (soffice) for the .xls variants.
"""
import os
import struct
import subprocess
import tempfile
import zipfile

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "hostile")

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>
</Types>"""
RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>"""
WORKBOOK = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets><sheet name="Activités" sheetId="1" r:id="rId1"/></sheets></workbook>"""
WB_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>
</Relationships>"""


def sheet(cells):
    rows = {}
    for ref, v in cells:
        r = int("".join(c for c in ref if c.isdigit()))
        rows.setdefault(r, []).append((ref, v))
    body = "".join(
        '<row r="%d">%s</row>' % (r, "".join('<c r="%s"><v>%s</v></c>' % (ref, v) for ref, v in cs))
        for r, cs in sorted(rows.items())
    )
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            '<sheetData>%s</sheetData></worksheet>' % body)


def xlsx(name, sheet_xml, strings_xml=None, strings_chunks=None):
    path = os.path.join(OUT, name)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", RELS)
        z.writestr("xl/workbook.xml", WORKBOOK)
        z.writestr("xl/_rels/workbook.xml.rels", WB_RELS)
        z.writestr("xl/worksheets/sheet1.xml", sheet_xml)
        if strings_xml is not None:
            z.writestr("xl/sharedStrings.xml", strings_xml)
        if strings_chunks is not None:
            with z.open("xl/sharedStrings.xml", "w", force_zip64=True) as f:
                for chunk in strings_chunks():
                    f.write(chunk)
    return path


def main():
    os.makedirs(OUT, exist_ok=True)
    # 1. A few KB, cells at A1 and XFD1048576: a 17-billion-cell grid.
    xlsx("extent-xfd1048576.xlsx", sheet([("A1", "1"), ("XFD1048576", "2")]))
    # 2. Shared strings claiming 4e12 entries.
    xlsx("uniquecount.xlsx", sheet([("A1", "0")]),
         strings_xml='<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                     'count="4000000000000" uniqueCount="4000000000000"><si><t>a</t></si></sst>')
    # 3. A shared-strings part of 300 MB once decompressed (a zip bomb).
    def chunks():
        yield b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        block = b"<si><t>" + b"x" * 1000 + b"</t></si>" * 1
        for _ in range(300 * 1024):
            yield block
        yield b"</sst>"
    bomb = xlsx("strings-300mb.xlsx", sheet([("A1", "0")]), strings_chunks=chunks)
    # 3b. The same, with the declared sizes in the zip headers lying (1 KB).
    data = bytearray(open(bomb, "rb").read())
    name = b"xl/sharedStrings.xml"
    i = 0
    while True:
        i = data.find(b"PK\x01\x02", i)
        if i < 0:
            break
        n = struct.unpack_from("<H", data, i + 28)[0]
        if data[i + 46:i + 46 + n] == name:
            extra_len = struct.unpack_from("<H", data, i + 30)[0]
            extra = i + 46 + n
            # zip64 extra field holds the real sizes: make them lie too.
            j = extra
            while j < extra + extra_len:
                tag, size = struct.unpack_from("<HH", data, j)
                if tag == 1 and size >= 8:
                    struct.pack_into("<Q", data, j + 4, 1024)
                j += 4 + size
            if struct.unpack_from("<I", data, i + 24)[0] != 0xFFFFFFFF:
                struct.pack_into("<I", data, i + 24, 1024)
        i += 4
    open(os.path.join(OUT, "strings-300mb-lying-sizes.xlsx"), "wb").write(data)
    # 4. Truncated: the first half of a real workbook.
    good = xlsx("good.xlsx", sheet([("A1", "1"), ("B2", "2")]))
    raw = open(good, "rb").read()
    open(os.path.join(OUT, "truncated.xlsx"), "wb").write(raw[: len(raw) // 2])
    os.remove(good)
    # 5. Not a zip at all, named .xlsx.
    open(os.path.join(OUT, "not-a-zip.xlsx"), "w").write("Axe;Action;Activité\n1;1.1;Former\n")
    # 6. ods: one value repeated over 16384 columns and a million rows.
    ods = os.path.join(OUT, "repeated.ods")
    with zipfile.ZipFile(ods, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("META-INF/manifest.xml",
                   '<?xml version="1.0"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
                   '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
                   '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>')
        z.writestr("content.xml",
                   '<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
                   'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">'
                   '<office:body><office:spreadsheet><table:table table:name="Feuille1">'
                   '<table:table-row table:number-rows-repeated="1048576">'
                   '<table:table-cell table:number-columns-repeated="16384" office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell>'
                   '</table:table-row></table:table></office:spreadsheet></office:body></office:document-content>')
    # 7. xls with a cyclic directory chain, and one with huge DIMENSIONS.
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "base.xlsx")
        import openpyxl
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.title = "Activités"
        ws["A1"] = "Activité"
        ws["A2"] = "Former"
        wb.save(src)
        subprocess.run(["soffice", "--headless", "--convert-to", "xls", "--outdir", tmp, src],
                       check=True, capture_output=True)
        base = bytearray(open(os.path.join(tmp, "base.xls"), "rb").read())
    ssz = 1 << struct.unpack_from("<H", base, 30)[0]
    dir_start = struct.unpack_from("<I", base, 48)[0]
    fat0 = struct.unpack_from("<I", base, 76)[0]
    cyc = bytearray(base)
    struct.pack_into("<I", cyc, (fat0 + 1) * ssz + 4 * dir_start, dir_start)
    open(os.path.join(OUT, "cyclic-chain.xls"), "wb").write(cyc)
    dims = bytearray(base)
    i = dims.find(b"\x00\x02\x0e\x00")
    while i >= 0:
        # DIMENSIONS (BIFF8): first row, last row + 1 (u32), first col, last col + 1 (u16).
        struct.pack_into("<IIHH", dims, i + 4, 0, 0xFFFFFFFF, 0, 0xFF)
        i = dims.find(b"\x00\x02\x0e\x00", i + 4)
    open(os.path.join(OUT, "dimensions.xls"), "wb").write(dims)

    # One shared string of 32 000 characters in 4 500 cells (issue 10): the
    # reader copies it into every cell, 288 MB from a 100 KB file. Made from
    # a tiny ods whose repeated cells LibreOffice writes out one by one.
    rows = ('<table:table-row table:number-rows-repeated="100">'
            '<table:table-cell office:value-type="string" table:number-columns-repeated="45">'
            '<text:p>' + "é" * 32000 + '</text:p></table:table-cell></table:table-row>')
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "shared-string.ods")
        with zipfile.ZipFile(src, "w") as z:
            z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
            z.writestr("META-INF/manifest.xml",
                       '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
                       '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
                       '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>',
                       zipfile.ZIP_DEFLATED)
            z.writestr("content.xml",
                       '<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
                       'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
                       '<office:body><office:spreadsheet><table:table table:name="Activites">' + rows +
                       '</table:table></office:spreadsheet></office:body></office:document-content>',
                       zipfile.ZIP_DEFLATED)
        subprocess.run(["soffice", "--headless", "--convert-to", "xls", "--outdir", tmp, src],
                       check=True, capture_output=True)
        data = open(os.path.join(tmp, "shared-string.xls"), "rb").read()
        open(os.path.join(OUT, "shared-string.xls"), "wb").write(data)


if __name__ == "__main__":
    main()
