// SPDX-License-Identifier: GPL-3.0-or-later
//
// The preview page's own logic, injected by CuratorPreview into every page
// it loads and driven from C (the page's scripts never run).
//
// The body arrives in pieces (src/ui/curator-html-pieces.c): each parses
// alone into exactly the nodes it gives within the whole body, and ends
// with a block, so that each can sit in a box of its own (a plain block
// <div>: margins still collapse across it, floats still reach past it).
// An edit sends only the pieces that changed; they are parsed in an inert
// document (no loads, no scripts) and replace the old ones' content,
// leaving alone the nodes that came out the same: a keystroke lays out
// one piece and places the others, whatever the body's length, no image
// is loaded again, and the scroll position stays.
'use strict';

(() => {
  const body = () => document.getElementById('curator-body');
  const parser = document.implementation.createHTMLDocument('');
  // The box of each piece, in order.
  let pieces = [];

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

  const newBox = (nodes) => {
    const box = document.createElement('div');
    box.className = 'curator-piece';
    for (const node of nodes)
      box.appendChild(node);
    return box;
  };

  // The page comes with the body's pieces as text (so that no markup in
  // them can close what holds them): parse them into their boxes now,
  // before the first frame.
  const sources = document.querySelectorAll('textarea.curator-piece-source');
  if (sources.length > 0) {
    const fragment = document.createDocumentFragment();
    for (const source of sources) {
      const box = newBox(parse(source.textContent));
      fragment.appendChild(box);
      pieces.push(box);
      source.remove();
    }
    body().appendChild(fragment);
  }

  // Whether @a and @b are the same element (name, attributes) around
  // contents that may differ.
  const sameElement = (a, b) => {
    if (a.nodeType !== Node.ELEMENT_NODE || b.nodeType !== Node.ELEMENT_NODE ||
        a.namespaceURI !== b.namespaceURI || a.localName !== b.localName ||
        a.attributes.length !== b.attributes.length || a.localName === 'template')
      return false;
    for (const attribute of a.attributes)
      if (b.getAttributeNS(attribute.namespaceURI, attribute.localName) !== attribute.value)
        return false;
    return true;
  };

  // Gives @box the nodes @fresh, keeping those at either end that are the
  // same already. Where one element is left that differs only inside (a
  // keystroke in a list item, a table cell, a quote), its contents get
  // the same treatment: the page lays out that much, not the whole list.
  const updateBox = (box, fresh) => {
    const old = Array.from(box.childNodes);
    let start = 0;
    let oldEnd = old.length;
    let freshEnd = fresh.length;

    while (start < oldEnd && start < freshEnd && old[start].isEqualNode(fresh[start]))
      start++;
    while (oldEnd > start && freshEnd > start && old[oldEnd - 1].isEqualNode(fresh[freshEnd - 1])) {
      oldEnd--;
      freshEnd--;
    }

    if (oldEnd - start === 1 && freshEnd - start === 1 && sameElement(old[start], fresh[start])) {
      updateBox(old[start], Array.from(fresh[start].childNodes));
      return;
    }

    const anchor = oldEnd < old.length ? old[oldEnd] : null;
    for (let i = start; i < oldEnd; i++)
      old[i].remove();
    const fragment = document.createDocumentFragment();
    for (let i = start; i < freshEnd; i++)
      fragment.appendChild(fresh[i]);
    box.insertBefore(fragment, anchor);
  };

  // Replaces `removed` pieces from `first` with `added` (HTML strings).
  const replacePieces = (first, removed, added) => {
    const target = body();
    const fresh = added.map(parse);
    const kept = Math.min(removed, fresh.length);

    for (let i = 0; i < kept; i++)
      updateBox(pieces[first + i], fresh[i]);

    const anchor = first + removed < pieces.length ? pieces[first + removed] : null;
    for (let i = kept; i < removed; i++)
      pieces[first + i].remove();
    const boxes = [];
    for (let i = kept; i < fresh.length; i++) {
      const box = newBox(fresh[i]);
      target.insertBefore(box, anchor);
      boxes.push(box);
    }
    pieces.splice(first + kept, removed - kept, ...boxes);
  };

  // Reports @serial once the next frame is painted and on its way to the
  // UI process: animation frame callbacks run at the start of the
  // rendering update, a task queued from one runs after it. (Without
  // compositing, as CuratorPreview sets WebKit up, the frame is painted
  // and sent within that update; the report comes after it.) With
  // @since, the report also gives the ms from then: the page's own part
  // of an update, which tells the window how long to wait for the next.
  const reportFrame = (serial, since) => requestAnimationFrame(() => setTimeout(() =>
    window.webkit.messageHandlers.curatorPainted.postMessage(
      since === undefined ? serial : [serial, performance.now() - since]), 0));

  // After a load: the serial to report with the first frame.
  window.curatorLoaded = (serial) => reportFrame(serial);

  window.curatorUpdate = (update) => {
    const start = performance.now();

    if (update.card !== undefined)
      document.getElementById('curator-card').innerHTML = update.card;
    if (update.first !== undefined)
      replacePieces(update.first, update.removed, toArray(update.added, update.addedCount));
    if (document.documentElement.className !== update.theme)
      document.documentElement.className = update.theme;
    reportFrame(update.serial, start);
    return update.serial;
  };
})();
