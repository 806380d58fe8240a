/**
 * Who is signed in, from the BFF's GET /session. The cookies are HttpOnly: JavaScript never sees a token, only the
 * CSRF token it must echo on every non-GET. A copy without the CSRF token is kept so the round still opens offline.
 */
import { computed, reactive } from 'vue';
import type { Session } from './types';

const CACHE_KEY = 'linli.session.v1';

export const session = reactive({
  loading: true,
  data: null as Session | null,
  /** The session could not be loaded and there is no saved copy. */
  failed: false,
  /** Loaded from the saved copy because the network is down. */
  fromCache: false,
  /** A call answered 401: the session is over. */
  expired: false,
});

export const roles = computed<string[]>(() => session.data?.roles ?? []);
export const hasRole = (role: string) => roles.value.includes(role);

export async function loadSession(): Promise<void> {
  if (!session.data) session.loading = true;
  try {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 15_000);
    const response = await fetch('/session', {
      credentials: 'same-origin',
      headers: { Accept: 'application/json' },
      signal: controller.signal,
    }).finally(() => clearTimeout(timer));
    if (!response.ok) throw new Error(`session ${response.status}`);
    const data = (await response.json()) as Session;
    session.data = data;
    session.failed = false;
    session.fromCache = false;
    session.expired = false;
    remember(data);
  } catch {
    const saved = recall();
    if (saved) {
      session.data = saved;
      session.fromCache = true;
      session.failed = false;
    } else {
      session.failed = true;
    }
  } finally {
    session.loading = false;
  }
}

/** The CSRF token, fetching the session again when only the saved copy (without it) is at hand. */
export async function csrfToken(): Promise<string | undefined> {
  if (!session.data?.csrfToken) {
    await loadSession();
  }
  return session.data?.csrfToken;
}

export function markExpired(): void {
  session.expired = true;
}

export async function signOut(): Promise<void> {
  const token = await csrfToken();
  try {
    await fetch('/session/sign-out', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'X-CSRF-Token': token ?? '', Accept: 'application/json' },
    });
  } finally {
    forget();
    const signInUrl = session.data?.signInUrl ?? '/sign-in';
    const development = session.data?.development ?? false;
    session.data = { signedIn: false, signInUrl, development };
    session.expired = false;
    session.fromCache = false;
  }
}

function remember(data: Session): void {
  try {
    if (data.signedIn) {
      const { csrfToken: _omitted, ...rest } = data;
      void _omitted;
      localStorage.setItem(CACHE_KEY, JSON.stringify(rest));
    } else {
      forget();
    }
  } catch {
    // storage unavailable: no offline copy
  }
}

function recall(): Session | null {
  try {
    const raw = localStorage.getItem(CACHE_KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

function forget(): void {
  try {
    localStorage.removeItem(CACHE_KEY);
    for (const key of Object.keys(localStorage)) {
      if (key.startsWith('linli.round.') || key.startsWith('linli.acting')) localStorage.removeItem(key);
    }
  } catch {
    // nothing to forget
  }
}
