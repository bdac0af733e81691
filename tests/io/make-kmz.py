#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# make-kmz.py DIR: writes the KMZ archives test-kmz reads into DIR, with Python's own zipfile, so that the
# archives are real zips made by another program than Sitmap (and libarchive). Usage: make-kmz.py DIR
import os
import struct
import sys
import zipfile
import zlib

DOC = """<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2">
<Document>
  <name>Overlays of Deir ez-Zor</name>
  <Placemark>
    <name>Bridge</name>
    <TimeStamp><when>2024-12-08</when></TimeStamp>
    <Point><coordinates>40.1412,35.3359</coordinates></Point>
  </Placemark>
  <GroundOverlay>
    <name>Imagery</name>
    <Icon><href>files/overlay.png</href></Icon>
    <LatLonBox><north>35.4</north><south>35.3</south><east>40.2</east><west>40.1</west></LatLonBox>
  </GroundOverlay>
</Document>
</kml>
"""


def png(width, height, rgb):
    """A small real PNG of one colour."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    rows = b"".join(b"\0" + bytes(rgb) * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def write(path, entries, compression=zipfile.ZIP_DEFLATED):
    with zipfile.ZipFile(path, "w", compression) as archive:
        for name, data in entries:
            archive.writestr(zipfile.ZipInfo(name, (2024, 12, 8, 12, 0, 0)), data, compress_type=compression)


def main(out):
    image = png(16, 16, (200, 40, 40))
    # A KMZ as Google Earth writes one: doc.kml first, its image in files/
    write(os.path.join(out, "overlays.kmz"), [("doc.kml", DOC), ("files/overlay.png", image)])
    # Another program's: the KML not called doc.kml, stored uncompressed, a folder entry, images after
    write(os.path.join(out, "stored.kmz"),
          [("images/", b""), ("Deir ez-Zor.kml", DOC), ("images/a.png", image), ("images/b.png", png(4, 4, (0, 0, 255)))],
          zipfile.ZIP_STORED)
    # Only a KML in a folder: read, and said
    write(os.path.join(out, "nested-kml.kmz"), [("data/layer.kml", DOC)])
    # No KML at all
    write(os.path.join(out, "no-kml.kmz"), [("readme.txt", "not a map"), ("files/overlay.png", image)])
    # Names that lead outside the archive, or are not plain paths: left out, never written anywhere
    write(os.path.join(out, "traversal.kmz"),
          [("doc.kml", DOC), ("../../evil.png", image), ("/etc/sitmap-evil", b"x"), ("files/../../up.png", image),
           ("..\\windows.png", image), ("C:/drive.png", image), ("files/ok.png", image)])
    # An archive inside the archive, and a doc.kml that is itself a zip
    inner = os.path.join(out, "inner.zip")
    write(inner, [("doc.kml", DOC)])
    with open(inner, "rb") as f:
        inner_bytes = f.read()
    write(os.path.join(out, "nested-zip.kmz"), [("doc.kml", DOC), ("more.kmz", inner_bytes), ("disguised.png", inner_bytes)])
    write(os.path.join(out, "zip-as-kml.kmz"), [("doc.kml", inner_bytes)])
    # A zip bomb by ratio: 200 MB of zeros packs into a few hundred kilobytes
    with zipfile.ZipFile(os.path.join(out, "bomb.kmz"), "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("doc.kml", DOC)
        with archive.open("files/zeros.png", "w", force_zip64=True) as f:
            block = bytes(1024 * 1024)
            for _ in range(200):
                f.write(block)
    # A zip bomb by number: more files than an archive may hold
    with zipfile.ZipFile(os.path.join(out, "many.kmz"), "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("doc.kml", DOC)
        for i in range(10001):
            archive.writestr("files/%05d.txt" % i, b"")
    # Cut short: a damaged archive
    with open(os.path.join(out, "overlays.kmz"), "rb") as f:
        whole = f.read()
    with open(os.path.join(out, "cut.kmz"), "wb") as f:
        f.write(whole[: len(whole) // 2])


if __name__ == "__main__":
    main(sys.argv[1])
