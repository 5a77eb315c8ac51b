/* global document, location, Option, addEventListener -- a browser page, not Node */
// The try-it console: renders the model the docs build derived from the contract
// (operations.json) and the servers the docs server names (targets.json), sends the request
// with fetch, and shows status, readable headers and body. No framework, no network but the
// docs server and the chosen target.
const $ = (id) => document.getElementById(id);

const [model, targets] = await Promise.all([
  fetch('operations.json').then((response) => response.json()),
  fetch('targets.json').then(
    (response) => (response.ok ? response.json() : []),
    () => [],
  ),
]);
// Without a docs server that names them (a static copy of the site), the contract's local servers.
const servers = targets.length > 0 ? targets : model.servers;

const groups = new Map();
for (const operation of model.operations) {
  if (!groups.has(operation.tag)) {
    const group = document.createElement('optgroup');
    group.label = operation.tag;
    groups.set(operation.tag, group);
    $('operation').append(group);
  }
  groups.get(operation.tag).append(new Option(`${operation.method} ${operation.path}: ${operation.summary}`, operation.operationId));
}
for (const server of servers) $('target').append(new Option(`${server.name}: ${server.url}`, server.url));
$('credential').append(new Option('none', ''));
model.credentials.forEach((credential, index) =>
  $('credential').append(new Option(`${credential.header}: ${credential.value} (${credential.who})`, String(index))),
);

const selected = () => model.operations.find((operation) => operation.operationId === $('operation').value);

function showOperation() {
  const operation = selected();
  location.replace(`#${operation.operationId}`);
  $('summary').textContent = operation.summary;
  const rows = operation.parameters.map((parameter) => {
    const row = document.createElement('tr');
    const name = document.createElement('td');
    name.className = 'name';
    name.textContent = `${parameter.name}${parameter.required ? ' *' : ''}`;
    const where = document.createElement('small');
    where.textContent = `${parameter.in}${parameter.description ? `: ${parameter.description}` : ''}`;
    name.append(where);
    const cell = document.createElement('td');
    const input = document.createElement('input');
    Object.assign(input, {
      name: parameter.name,
      value: parameter.value,
      placeholder: parameter.placeholder,
      required: parameter.required,
    });
    input.dataset.in = parameter.in;
    cell.append(input);
    row.append(name, cell);
    return row;
  });
  $('parameter-rows').replaceChildren(...rows);
  $('parameters').hidden = rows.length === 0;
  $('body-fields').hidden = operation.body === null;
  $('body').value = operation.body ?? '';
  // The credential the operation asks for first; none when it may be called anonymously.
  const needs = operation.security.find((alternative) => alternative.length > 0) ?? [];
  const anonymous = operation.security.length === 0 || operation.security.some((alternative) => alternative.length === 0);
  const credential = anonymous ? -1 : model.credentials.findIndex((candidate) => needs.includes(candidate.scheme));
  $('credential').value = credential < 0 ? '' : String(credential);
  showRequestLine();
}

/** The request the form describes. */
function request() {
  const operation = selected();
  const inputs = [...$('parameter-rows').querySelectorAll('input')];
  const valueOf = (input) => input.value.trim();
  const path = operation.path.replace(/\{([^}]+)\}/g, (_, name) => {
    const input = inputs.find((candidate) => candidate.dataset.in === 'path' && candidate.name === name);
    return encodeURIComponent(input ? valueOf(input) : '');
  });
  const query = new URLSearchParams(
    inputs.filter((input) => input.dataset.in === 'query' && valueOf(input)).map((input) => [input.name, valueOf(input)]),
  );
  const headers = new Headers();
  for (const input of inputs.filter((candidate) => candidate.dataset.in === 'header' && valueOf(candidate)))
    headers.set(input.name, valueOf(input));
  const credential = model.credentials[Number($('credential').value)];
  if ($('credential').value !== '' && credential) headers.set(credential.header, credential.value);
  const init = { method: operation.method, headers };
  if (operation.body !== null) {
    headers.set('Content-Type', operation.contentType);
    init.body = $('body').value;
  }
  const search = query.toString();
  return { url: `${$('base-url').value.replace(/\/$/, '')}${path}${search ? `?${search}` : ''}`, init };
}

function showRequestLine() {
  const { url, init } = request();
  $('request-line').textContent = `${init.method} ${url}`;
}

async function send(event) {
  event.preventDefault();
  const { url, init } = request();
  $('send').disabled = true;
  $('response').hidden = false;
  $('status').className = '';
  $('status').textContent = '…';
  $('response-headers').textContent = '';
  $('response-body').textContent = '';
  try {
    const response = await fetch(url, init);
    $('status').textContent = `${response.status} ${response.statusText}`;
    $('status').className = response.ok ? 'ok' : 'error';
    $('response-headers').textContent = [...response.headers].map(([name, value]) => `${name}: ${value}`).join('\n');
    const text = await response.text();
    $('response-body').textContent = pretty(text);
  } catch (error) {
    $('status').textContent = 'no response';
    $('status').className = 'error';
    $('response-body').textContent = `${error.message}: is the server running (npm start), and does it allow this page's origin (CORS)?`;
  } finally {
    $('send').disabled = false;
  }
}

function pretty(text) {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

$('base-url').value = servers[0]?.url ?? '';
$('operation').value = model.operations.some((operation) => `#${operation.operationId}` === location.hash)
  ? location.hash.slice(1)
  : model.operations[0].operationId;
$('operation').addEventListener('change', showOperation);
// The reference page links to `try/#operationId`; a link followed from here changes only the hash.
addEventListener('hashchange', () => {
  const id = location.hash.slice(1);
  if (id !== $('operation').value && model.operations.some((operation) => operation.operationId === id)) {
    $('operation').value = id;
    showOperation();
  }
});
$('target').addEventListener('change', () => {
  $('base-url').value = $('target').value;
  showRequestLine();
});
$('request').addEventListener('input', showRequestLine);
$('request').addEventListener('submit', (event) => void send(event));
showOperation();
document.body.dataset.ready = 'true';
