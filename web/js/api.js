// Same-origin JSON API client. Failures become ApiError carrying an
// RFC 9457 problem object ({ type, title, status, detail }).

export class ApiError extends Error {
  constructor(problem) {
    super(problem.detail || problem.title);
    this.name = 'ApiError';
    this.problem = problem;
  }
}

async function getJson(path, { signal } = {}) {
  let response;
  try {
    response = await fetch(path, {
      headers: { Accept: 'application/json, application/problem+json' },
      signal,
    });
  } catch (error) {
    if (error.name === 'AbortError') throw error;
    throw new ApiError({
      title: 'Cannot reach the server',
      detail: 'Check the network connection and try again.',
    });
  }
  if (!response.ok) throw new ApiError(await readProblem(response));
  try {
    return await response.json();
  } catch {
    throw new ApiError({ title: 'Unexpected response', detail: `The server sent something other than JSON for ${path}.` });
  }
}

async function readProblem(response) {
  const fallback = {
    status: response.status,
    title: response.statusText || `Request failed (HTTP ${response.status})`,
    detail: '',
  };
  if (!/json/i.test(response.headers.get('Content-Type') ?? '')) return fallback;
  try {
    const body = await response.json();
    if (!body || typeof body !== 'object') return fallback;
    return {
      ...fallback,
      type: typeof body.type === 'string' ? body.type : undefined,
      title: typeof body.title === 'string' && body.title ? body.title : fallback.title,
      detail: typeof body.detail === 'string' ? body.detail : '',
    };
  } catch {
    return fallback;
  }
}

const documentPath = (id) => `/api/documents/${encodeURIComponent(id)}`;

export const api = {
  listDocuments: async (options) => (await getJson('/api/documents', options)).documents ?? [],
  getDocument: (id, options) => getJson(documentPath(id), options),
  exportUrl: (id, format = 'md') => `${documentPath(id)}/export?format=${encodeURIComponent(format)}`,
};
