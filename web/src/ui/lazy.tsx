import type { ComponentChildren, ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';

interface LazyProps {
  /** Shown while the code is on its way. */
  pending: ComponentChildren;
  /** Shown when it cannot be fetched (offline); showing the component again tries again. */
  failed: ComponentChildren;
}

/**
 * A component whose code is fetched the first time it is shown (a chunk of its own, `load` being a dynamic import),
 * so the page's first load does not carry what only one rarely used page needs.
 */
export const lazy = <P extends object>(load: () => Promise<ComponentType<P>>) => {
  let loaded: ComponentType<P> | undefined;
  return ({ pending, failed, ...props }: P & LazyProps) => {
    const [Component, setComponent] = useState(() => loaded);
    const [broken, setBroken] = useState(false);
    useEffect(() => {
      if (Component) return;
      load().then(
        (component) => {
          loaded = component;
          setComponent(() => component);
        },
        () => setBroken(true),
      );
    }, [Component]);
    if (Component) return <Component {...(props as P)} />;
    return <>{broken ? failed : pending}</>;
  };
};
