import type { AdminAuth } from './admin-auth.js';
import type { AdminSessions } from './sessions.js';
import { TOKEN_PRINCIPAL, type AccountsRepo, type Principal } from './accounts.js';

/** What a console sign-in form sends: the admin token, or an account's name and password. */
export type SignIn = { token?: unknown; name?: unknown; password?: unknown };

/**
 * Console sessions as the routes use them: open one from a sign-in, find whose a cookie is.
 *
 * A session is stamped with what opened it: the sign-out epoch and the account's generation
 * (it rises with a new password, role, events or a disable), or the admin token's record. Every
 * use compares the stamp with the current one, so no session outlives the change whatever the
 * timing: a sign-in checks its password for ~50 ms (scrypt) on what it read before, and may
 * store its session after the change's purge of the account's sessions has run.
 */
export class ConsoleSessions {
  constructor(
    private readonly sessions: AdminSessions,
    private readonly auth: AdminAuth,
    private readonly accounts: AccountsRepo,
  ) {}

  /** A new session for what the form opens, or undefined (wrong, disabled, or changed while it was checked). */
  async signIn(form: SignIn): Promise<{ who: Principal; session: { id: string; maxAgeMs: number } } | undefined> {
    const epoch = await this.sessions.epoch();
    const opened = form.name !== undefined ? await this.accounts.verify(form.name, form.password) : await this.tokenHolder(form.token);
    if (!opened) return undefined;
    const stamp = `${epoch}:${opened.credential}`;
    const session = await this.sessions.create(opened.principal.id, stamp);
    // Changed while the password was checked: refuse now rather than hand out a cookie that never works.
    if ((await this.current(opened.principal.id))?.stamp !== stamp) {
      await this.sessions.destroy(session.id);
      return undefined;
    }
    return { who: opened.principal, session };
  }

  /** The signed-in organiser of a cookie, as the account is now; undefined when its stamp is no longer current. */
  async principal(cookie: string | undefined): Promise<Principal | undefined> {
    const session = await this.sessions.verify(cookie);
    if (!session) return undefined;
    const now = await this.current(session.accountId);
    return now && now.stamp === session.stamp ? now.principal : undefined;
  }

  private async tokenHolder(token: unknown): Promise<{ principal: Principal; credential: string } | undefined> {
    const credential = await this.auth.verifyCredential(token);
    return credential === undefined ? undefined : { principal: TOKEN_PRINCIPAL('admin (console)'), credential };
  }

  private async current(accountId: string | null): Promise<{ principal: Principal; stamp: string } | undefined> {
    const epoch = await this.sessions.epoch();
    const now = accountId === null ? { principal: TOKEN_PRINCIPAL('admin (console)'), credential: await this.auth.credential() } : await this.accounts.current(accountId);
    return now && { principal: now.principal, stamp: `${epoch}:${now.credential}` };
  }
}
