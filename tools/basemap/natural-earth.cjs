// SPDX-License-Identifier: GPL-3.0-or-later
//
// Natural Earth (world-atlas TopoJSON) to plain JSON for prepare.py:
// the borders between countries as lines (a topology's shared arcs, each once) and each
// country's name and polygons, for the country labels.
//
// Usage: node natural-earth.cjs NODE_MODULES_DIR > natural-earth.json

'use strict';

const fs = require('fs');
const path = require('path');

const modules = path.resolve(process.argv[2]);
const topojson = require(path.join(modules, 'topojson-client'));

function read(name) {
  return JSON.parse(fs.readFileSync(path.join(modules, 'world-atlas', name), 'utf8'));
}

// Arcs shared by two different countries are land borders; an arc used once is a coast,
// which GSHHG draws better.
function borders(topology) {
  const m = topojson.mesh(topology, topology.objects.countries, (a, b) => a !== b);
  return m.coordinates;
}

function countries(topology) {
  const fc = topojson.feature(topology, topology.objects.countries);
  return fc.features.map((f) => {
    const g = f.geometry;
    const polygons = !g ? [] : g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
    return { name: f.properties.name, polygons };
  });
}

const t50 = read('countries-50m.json');
const t10 = read('countries-10m.json');
process.stdout.write(JSON.stringify({
  borders_50m: borders(t50),
  borders_10m: borders(t10),
  countries_50m: countries(t50),
}));
