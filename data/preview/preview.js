// SPDX-License-Identifier: GPL-3.0-or-later
//
// The preview page's own logic, injected by CuratorPreview into every page
// it loads and driven from C (the page's scripts never run).
//
// The body arrives in pieces (src/ui/curator-html-pieces.c): each parses
// alone into exactly the nodes it gives within the whole body. The page
// keeps, for every piece, the live nodes it made; an edit sends only the
// pieces that changed, which are parsed in an inert document (no loads, no
// scripts) and put in place of the old ones, leaving alone the nodes that
// came out the same (no layout, no image reloaded, the scroll kept).
'use strict';

(() => {
  const body = () => document.getElementById('curator-body');
  const parser = document.implementation.createHTMLDocument('');
  // Live nodes of each piece, in order; null until known.
  let pieces = null;
  // The pieces the page was loaded with, until matched with its nodes.
  let loadedWith = null;

  // Arrays come from C as {"0": ..., "1": ...} and a count.
  const toArray = (dict, count) => {
    const array = [];
    for (let i = 0; i < count; i++)
      array.push(dict[i]);
    return array;
  };

  const parse = (html) => {
    parser.body.innerHTML = html;
    return Array.from(parser.body.childNodes);
  };

  // Matches the nodes the page was loaded with to its pieces; if they
  // differ (markup that escapes <main> in the full page), renders the
  // pieces instead.
  const adopt = () => {
    if (loadedWith === null)
      return;
    const target = body();
    const live = Array.from(target.childNodes);
    const parsed = loadedWith.map(parse);
    let at = 0;
    let same = parsed.reduce((count, nodes) => count + nodes.length, 0) === live.length;
    for (const nodes of parsed) {
      for (const node of nodes) {
        if (!same || !node.isEqualNode(live[at]))
          same = false;
        at++;
      }
    }
    if (same) {
      at = 0;
      pieces = parsed.map((nodes) => nodes.map(() => live[at++]));
    } else {
      const fragment = document.createDocumentFragment();
      for (const nodes of parsed) {
        for (const node of nodes)
          fragment.appendChild(node);
      }
      target.textContent = '';
      target.appendChild(fragment);
      pieces = parsed;
    }
    loadedWith = null;
  };

  const reportFrame = (serial) => requestAnimationFrame(() =>
    window.webkit.messageHandlers.curatorPainted.postMessage(serial));

  // After a load: the pieces of the body in the page, and the serial to
  // report with the first frame.
  window.curatorLoaded = (loaded, loadedCount, serial) => {
    loadedWith = toArray(loaded, loadedCount);
    pieces = null;
    reportFrame(serial);
    // Once that frame is out, off the way of the next keystroke.
    setTimeout(adopt, 0);
  };

  // Replaces `removed` pieces from `first` with `added` (an array of HTML
  // strings).
  const replacePieces = (first, removed, added) => {
    adopt();
    const target = body();
    const fresh = added.map(parse);
    const old = pieces.slice(first, first + removed).flat();
    const next = fresh.flat();
    let start = 0;
    let oldEnd = old.length;
    let nextEnd = next.length;

    while (start < oldEnd && start < nextEnd && old[start].isEqualNode(next[start]))
      start++;
    while (oldEnd > start && nextEnd > start && old[oldEnd - 1].isEqualNode(next[nextEnd - 1])) {
      oldEnd--;
      nextEnd--;
    }

    let anchor = oldEnd < old.length ? old[oldEnd] : null;
    for (let i = first + removed; anchor === null && i < pieces.length; i++) {
      if (pieces[i].length > 0)
        anchor = pieces[i][0];
    }

    for (let i = start; i < oldEnd; i++)
      old[i].remove();
    const fragment = document.createDocumentFragment();
    for (let i = start; i < nextEnd; i++)
      fragment.appendChild(next[i]);
    target.insertBefore(fragment, anchor);

    // The live nodes of the new pieces: the old ones where they were kept.
    const shift = old.length - next.length;
    let index = 0;
    const live = () => {
      const j = index++;
      return j < start ? old[j] : j >= nextEnd ? old[j + shift] : next[j];
    };
    pieces.splice(first, removed, ...fresh.map((nodes) => nodes.map(live)));
  };

  window.curatorUpdate = (update) => {
    if (update.card !== undefined)
      document.getElementById('curator-card').innerHTML = update.card;
    if (update.first !== undefined)
      replacePieces(update.first, update.removed, toArray(update.added, update.addedCount));
    if (document.documentElement.className !== update.theme)
      document.documentElement.className = update.theme;
    reportFrame(update.serial);
    return update.serial;
  };
})();
