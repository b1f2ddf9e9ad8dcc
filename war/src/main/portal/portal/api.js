// The one way the pages talk to Gatehouse: its public REST API, relative to the page.
// The session token (framed mode) lives in this module's memory only: never in storage or URLs.
const auth = { token: null, csrf: null, rootKey: null, workspace: null };

export class ApiError extends Error {
  constructor(status, body) {
    super((body && body.message) || ('The server answered ' + status + '.'));
    this.status = status;
    this.body = body || {};
  }
}

export function useSession({ token, csrf }) {
  auth.token = token || null;
  auth.csrf = csrf || null;
}

export function useRootKey(key) {
  auth.rootKey = key;
}

export function actAsWorkspace(id) {
  auth.workspace = id;
}

const base = new URL('../api/v1/', document.baseURI);

/** Calls the API; resolves to {data, headers, status}, rejects with ApiError carrying the API's message. */
export async function api(method, path, body, options = {}) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const bearer = auth.rootKey || auth.token;
  if (bearer) headers.Authorization = 'Bearer ' + bearer;
  else if (auth.csrf && method !== 'GET') headers['X-CSRF-Token'] = auth.csrf;
  const workspace = options.workspace !== undefined ? options.workspace : auth.workspace;
  if (workspace) headers['X-Workspace-ID'] = String(workspace);
  let res;
  try {
    res = await fetch(new URL(path, base), {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin', cache: 'no-store', redirect: 'error', referrerPolicy: 'no-referrer',
    });
  } catch {
    throw new ApiError(0, { message: 'The server could not be reached. Check your connection and try again.' });
  }
  let json = null;
  if (res.status !== 204) {
    try { json = await res.json(); } catch { json = null; }
  }
  if (!res.ok) throw new ApiError(res.status, json);
  return { data: json, headers: res.headers, status: res.status };
}
