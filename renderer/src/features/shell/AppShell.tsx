import { ConnectionBanner } from '../connection/ConnectionBanner';
import { LauncherGrid } from '../launcher/LauncherGrid';
import { useNavigationStore, type View } from '../navigation/use-navigation-store';
import { TopBar } from './TopBar';

function CurrentView({ view }: { view: View }) {
  switch (view) {
    case 'launcher':
      return <LauncherGrid />;
  }
}

/** The signed-in window: top bar, connection banner and the current view. */
export default function AppShell() {
  const view = useNavigationStore((s) => s.view);
  return (
    <div className="shell">
      <TopBar />
      <main className="shell-main">
        <ConnectionBanner />
        <CurrentView view={view} />
      </main>
    </div>
  );
}
