import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { Button, Result, Spin } from 'antd';
import type { AuthStatus } from '../../../shared/contract/users.ts';
import { call, dropPrefetched, SIGNED_OUT_EVENT } from '../../api.ts';
import { errorText } from '../../components/errors.ts';
import { SignInPage } from './SignInPage.tsx';

/**
 * Office mode (a shared ledger): the shell appears only once a clerk has signed in; until then,
 * the sign-in page (or, on a ledger with no account yet, the form that creates its 管理员).
 * The single-PC ledger goes straight to the shell.
 */
interface AuthState {
  status: AuthStatus;
  /** A 领导 reads and exports only: edit buttons are hidden (the core refuses anyway). */
  readOnly: boolean;
  isAdmin: boolean;
  signOut: () => Promise<void>;
}

const AuthContext = createContext<AuthState | null>(null);

const SINGLE_PC: AuthState = {
  status: { office: false, where: '', officeName: '', needsFirstAdmin: false, user: null },
  readOnly: false,
  isAdmin: false,
  signOut: async () => undefined,
};

/** Outside the gate (a page rendered on its own in a test) it reads as the single-PC ledger. */
export function useAuth(): AuthState {
  return useContext(AuthContext) ?? SINGLE_PC;
}

export function AuthGate({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<AuthStatus>();
  const [error, setError] = useState<string | null>(null);

  const check = useCallback(async () => {
    try {
      setStatus(await call('auth:status', {}));
      setError(null);
    } catch (err) {
      setError(errorText(err));
    }
  }, []);

  useEffect(() => {
    void check();
    const onSignedOut = () => void check();
    window.addEventListener(SIGNED_OUT_EVENT, onSignedOut);
    return () => window.removeEventListener(SIGNED_OUT_EVENT, onSignedOut);
  }, [check]);

  const signOut = useCallback(async () => {
    setStatus(await call('auth:sign-out', {}));
    window.location.hash = '#/';
  }, []);

  if (error && !status) {
    return <Result status="error" title="无法打开整改台账" subTitle={error} extra={<Button type="primary" onClick={() => void check()}>重试</Button>} />;
  }
  if (!status) {
    return (
      <div style={{ display: 'flex', height: '100%', alignItems: 'center', justifyContent: 'center' }}>
        <Spin size="large" description="正在打开整改台账…"><div style={{ width: 200, height: 80 }} /></Spin>
      </div>
    );
  }
  if (status.office && !status.user) {
    return (
      <SignInPage
        status={status}
        onSignedIn={(next) => {
          // Requests sent at start-up were refused before sign-in: the pages ask again.
          dropPrefetched();
          setStatus(next);
        }}
      />
    );
  }
  const role = status.user?.role;
  const value: AuthState = { status, readOnly: role === 'leader', isAdmin: role === 'admin', signOut };
  // Keyed by the account: signing in as someone else starts the shell afresh.
  return <AuthContext.Provider value={value} key={status.user?.id ?? 0}>{children}</AuthContext.Provider>;
}
