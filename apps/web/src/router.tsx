/**
 * A router of a few lines over the History API: the app has a dozen pages, and the emailed
 * links (`/signup?token=...`, `/reset-password?token=...`) must open the right one.
 */
import { createContext, useContext, useEffect, useState, type MouseEvent, type ReactNode } from 'react';

interface Location {
  path: string;
  query: URLSearchParams;
  navigate: (to: string) => void;
}

const RouterContext = createContext<Location | null>(null);

function current(): { path: string; query: URLSearchParams } {
  return { path: window.location.pathname, query: new URLSearchParams(window.location.search) };
}

export function Router({ children }: { children: ReactNode }) {
  const [location, setLocation] = useState(current);
  useEffect(() => {
    const onPop = () => setLocation(current());
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const navigate = (to: string) => {
    window.history.pushState(null, '', to);
    setLocation(current());
  };
  return <RouterContext.Provider value={{ ...location, navigate }}>{children}</RouterContext.Provider>;
}

export function useLocation(): Location {
  const location = useContext(RouterContext);
  if (!location) throw new Error('useLocation needs a <Router>');
  return location;
}

export function Link({ to, children }: { to: string; children: ReactNode }) {
  const { navigate, path } = useLocation();
  const onClick = (event: MouseEvent) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    navigate(to);
  };
  return (
    <a href={to} onClick={onClick} aria-current={path === to ? 'page' : undefined}>
      {children}
    </a>
  );
}
