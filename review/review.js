// The review page of `vanban review`: lists the documents with open review items and, for one,
// shows its page with the field boxes and one input per item, driven from the keyboard.
'use strict';

const SVG = 'http://www.w3.org/2000/svg';
const CROP_MARGIN = 0.35;  // of the box's height, around it: the crop shows the words beside

const $ = (id) => document.getElementById(id);

// The document on screen: its view from the server, which items were accepted, the page shown.
let current = null;

async function call(url, body) {
  const init = body === undefined ? {} : {
    method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify(body)};
  const response = await fetch(url, {credentials: 'same-origin', ...init});
  let json = {};
  try { json = await response.json(); } catch (e) { json = {error: response.statusText}; }
  return {status: response.status, body: json};
}

function say(text, alert) {
  const message = $('message');
  message.textContent = text;
  message.hidden = !text;
  message.className = alert ? 'alert' : '';
  message.setAttribute('role', alert ? 'alert' : 'status');
}

function element(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

function show(view) {
  $('list-view').hidden = view !== 'list';
  $('document-view').hidden = view !== 'document';
}

// ---- the list of documents ----

async function showList() {
  current = null;
  show('list');
  $('where').textContent = '';
  $('progress').textContent = '';
  const {status, body} = await call('/api/documents');
  if (status !== 200) return say(body.error, true);
  $('where').textContent = body.output_dir;
  const unreadable = body.unreadable.length ? `, ${body.unreadable.length} unreadable` : '';
  $('summary').textContent = `${body.documents.length} to review, ${body.done} done${unreadable}`;
  const list = $('documents');
  list.replaceChildren();
  for (const doc of body.documents) {
    const item = element('li');
    const link = element('a', 'document', doc.path);
    link.href = '#/doc/' + encodeURIComponent(doc.path);
    item.append(link, element('span', 'source', doc.source),
                element('span', 'count', `${doc.open} to check: ${doc.fields.join(', ')}`));
    list.append(item);
  }
  $('unreadable-section').hidden = !body.unreadable.length;
  $('unreadable').replaceChildren(...body.unreadable.map((u) => element('li', '', `${u.path}: ${u.reason}`)));
  const first = list.querySelector('a');
  if (first) first.focus();
}

// ---- one document ----

async function showDocument(path) {
  const {status, body} = await call('/api/document?path=' + encodeURIComponent(path));
  if (status !== 200) return say(body.error, true);
  render(body);
}

function render(view) {
  current = {view, accepted: view.items.map(() => false), page: 0};
  show('document');
  $('where').textContent = `${view.path} — ${view.source}`;
  $('page-error').hidden = !view.image_error;
  $('page-error').textContent = view.image_error || '';
  $('page-image').hidden = !!view.image_error;
  const items = $('items');
  items.replaceChildren(...view.items.map(itemCard));
  if (!view.items.length) {
    items.append(element('p', '', 'Nothing left to review in this document.'));
    return;
  }
  showPage(pageOf(0));
  focusItem(0);
}

const pageOf = (i) => current.view.items[i].page || 1;

function text(value) {
  if (Array.isArray(value)) return value.join('\n');
  return value === null || value === undefined ? '' : String(value);
}

// What the input starts with: the value, or for a number whose serial is missing its printed
// notation, so that typing the serial completes it.
function initialValue(item) {
  const notation = current.view.fields.number_notation;
  if (item.field === 'number' && !item.value && notation) return '/' + notation;
  return text(item.value);
}

function itemCard(item, i) {
  const card = element('div', 'item');
  card.dataset.index = i;
  const head = element('div', 'head');
  head.append(element('span', 'field', item.field),
              element('span', 'reason reason-' + item.reason, item.reason.replace(/_/g, ' ')),
              element('span', 'where', item.page ? `page ${item.page}` : 'page unknown'),
              element('span', 'tick', '✓'));
  const crop = element('canvas', 'crop');
  const input = element(item.list ? 'textarea' : 'input', 'value');
  input.value = initialValue(item);
  input.spellcheck = false;
  input.setAttribute('aria-label', item.field);
  if (item.list) input.rows = Math.max(2, input.value.split('\n').length);
  const candidates = element('div', 'candidates');
  item.candidates.slice(0, 9).forEach((candidate, n) => {
    const button = element('button', 'candidate', `${n + 1} ${text(candidate)}`);
    button.type = 'button';
    button.tabIndex = -1;
    button.addEventListener('click', () => { input.value = text(candidate); input.focus(); });
    candidates.append(button);
  });
  const row = element('div', 'row');
  row.append(crop, input);
  card.append(head, row, candidates);
  input.addEventListener('focus', () => onFocus(i));
  input.addEventListener('keydown', (event) => onKey(event, i));
  return card;
}

const cards = () => Array.from(document.querySelectorAll('#items .item'));
const inputOf = (i) => cards()[i].querySelector('.value');

function focusItem(i) {
  inputOf(i).focus();
}

// The part of the value a person most often retypes is selected, so that typing replaces it: the
// pen-written serial of a number, the day of a date, else the whole value.
function selectLikelyPart(input, item) {
  const value = input.value;
  if (item.reason === 'handwritten' && item.field === 'number') {
    const serial = value.match(/^\d*/)[0].length;
    return input.setSelectionRange(0, serial);
  }
  if (item.reason === 'handwritten' && item.field === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    return input.setSelectionRange(8, 10);
  }
  input.select();
}

function onFocus(i) {
  const item = current.view.items[i];
  cards().forEach((card, n) => card.classList.toggle('current', n === i));
  cards()[i].scrollIntoView({block: 'nearest'});
  $('progress').textContent = `item ${i + 1} of ${current.view.items.length}, ` +
      `${current.accepted.filter(Boolean).length} accepted`;
  if (pageOf(i) !== current.page) showPage(pageOf(i));
  drawBoxes(i);
  selectLikelyPart(inputOf(i), item);
}

function onKey(event, i) {
  const count = current.view.items.length;
  if (event.key === 'Enter' && !event.shiftKey) {
    event.preventDefault();
    accept(i);
  } else if (event.key === 'Tab') {
    event.preventDefault();
    focusItem((i + (event.shiftKey ? count - 1 : 1)) % count);
  } else if (event.altKey && /^[1-9]$/.test(event.key)) {
    const candidate = current.view.items[i].candidates[Number(event.key) - 1];
    if (candidate !== undefined) inputOf(i).value = text(candidate);
    event.preventDefault();
  } else if (event.ctrlKey && event.key === 's') {
    event.preventDefault();
    save();
  }
}

// Marks item i accepted and moves to the next item not yet accepted; when none is left, saves.
function accept(i) {
  current.accepted[i] = true;
  cards()[i].classList.add('accepted');
  const count = current.view.items.length;
  for (let step = 1; step <= count; ++step) {
    const next = (i + step) % count;
    if (!current.accepted[next]) return focusItem(next);
  }
  save();
}

function answerOf(i) {
  const item = current.view.items[i];
  const value = inputOf(i).value;
  if (item.list) return {field: item.field, value: value.split('\n').map((s) => s.trim()).filter(Boolean)};
  return {field: item.field, value: value.trim() || null};
}

async function save() {
  const answers = current.accepted.flatMap((accepted, i) => (accepted ? [answerOf(i)] : []));
  if (!answers.length) return say('Nothing accepted yet: Enter accepts an item.', true);
  const view = current.view;
  const {status, body} = await call('/api/save', {path: view.path, revision: view.revision, answers});
  if (status === 409) {
    say(body.error, true);
    return render(body.document);
  }
  if (status !== 200) return say(body.error, true);
  const patched = body.patched.length ? `; handwritten digits corrected in ${body.patched.join(', ')}` : '';
  say(`Saved ${answers.length} of ${view.path}${patched}.`);
  if (answers.length < view.items.length) return showDocument(view.path);
  nextDocument(view.path);
}

// The next document with open items after `path`, else the first; the list when none is left.
async function nextDocument(path) {
  const {status, body} = await call('/api/documents');
  if (status !== 200) return say(body.error, true);
  const open = body.documents.map((d) => d.path);
  const next = open.find((p) => p > path) || open[0];
  location.hash = next ? '#/doc/' + encodeURIComponent(next) : '#/';
}

// ---- the page image and its boxes ----

function showPage(page) {
  current.page = page;
  if (current.view.image_error) return;
  const image = $('page-image');
  image.onload = () => {
    $('overlay').setAttribute('viewBox', `0 0 ${image.naturalWidth} ${image.naturalHeight}`);
    drawCrops(image, page);
    drawBoxes(currentIndex());
  };
  image.onerror = async () => {
    const {body} = await call(image.src);
    $('page-error').textContent = body.error || 'the page could not be shown';
    $('page-error').hidden = false;
  };
  image.src = `/api/page?path=${encodeURIComponent(current.view.path)}&page=${page}`;
}

function currentIndex() {
  return Math.max(0, cards().findIndex((card) => card.classList.contains('current')));
}

function rect(box, className, title) {
  const r = document.createElementNS(SVG, 'rect');
  const [x, y, w, h] = box;
  Object.entries({x, y, width: w, height: h}).forEach(([k, v]) => r.setAttribute(k, v));
  r.setAttribute('class', className);
  const t = document.createElementNS(SVG, 'title');
  t.textContent = title;
  r.append(t);
  return r;
}

// The boxes of the review items on the page shown, the focused one marked, and the other
// fields' fainter.
function drawBoxes(focused) {
  const overlay = $('overlay');
  overlay.replaceChildren();
  const onPage = (page) => (page || 1) === current.page;
  for (const b of current.view.boxes) {
    if (onPage(b.page)) overlay.append(rect(b.box, 'field-box', b.field));
  }
  current.view.items.forEach((item, i) => {
    if (item.box && onPage(item.page)) {
      overlay.append(rect(item.box, i === focused ? 'review-box focused' : 'review-box', item.field));
    }
  });
}

// Each item's box on `page` (shown in `image`), cut with a margin, beside its input.
function drawCrops(image, page) {
  current.view.items.forEach((item, i) => {
    const canvas = cards()[i].querySelector('.crop');
    if (!item.box || pageOf(i) !== page) {
      if (!item.box) canvas.classList.add('empty');
      return;
    }
    const [x, y, w, h] = item.box;
    const margin = Math.round(h * CROP_MARGIN);
    const sx = Math.max(0, x - margin), sy = Math.max(0, y - margin);
    const sw = Math.min(image.naturalWidth - sx, w + 2 * margin), sh = Math.min(image.naturalHeight - sy, h + 2 * margin);
    canvas.width = sw;
    canvas.height = sh;
    canvas.getContext('2d').drawImage(image, sx, sy, sw, sh, 0, 0, sw, sh);
  });
}

// ---- navigation ----

function route() {
  const match = location.hash.match(/^#\/doc\/(.+)$/);
  if (match) showDocument(decodeURIComponent(match[1]));
  else showList();
}

// The token stays in the cookie the first load set; out of the address bar, it is not copied
// along with the page's address.
if (new URLSearchParams(location.search).has('token')) history.replaceState(null, '', '/' + location.hash);
window.addEventListener('hashchange', route);
document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape' && current) location.hash = '#/';
});
route();
