import { describe, expect, it } from 'vitest';
import {
  buildSections,
  filterApps,
  matchesQuery,
  recentApps,
  RECENT_LIMIT,
  sortApps,
} from '../../../../renderer/src/features/launcher/launcher-filter';
import { tile } from '../../fake-desktop-api';

const apps = [
  tile({ id: 'windows-explorer', name: 'Windows Explorer', description: 'Browse your files.' }),
  tile({ id: '7zip', name: '7-Zip File Manager', description: 'Compress files and folders into one archive.', favorite: true }),
  tile({ id: 'ecapture-qc', name: 'eCapture QC', description: 'Check scanned batches for quality.' }),
  tile({ id: 'desktop', name: 'Virtual Desktop', description: 'Your full Windows desktop.', kind: 'desktop' }),
  tile({ id: 'ecapture-controller', name: 'eCapture Controller', description: 'Manage capture jobs.', lastLaunchedAt: '2026-01-02T10:00:00.000Z' }),
  tile({ id: 'eclipse-admin', name: 'Eclipse Admin', description: 'Administer Eclipse.', lastLaunchedAt: '2026-01-03T10:00:00.000Z', favorite: true }),
];

const ids = (list: { id: string }[]) => list.map((a) => a.id);

describe('filtering', () => {
  it('matches name and description, case-insensitively', () => {
    expect(ids(filterApps(apps, 'ecapture'))).toEqual(['ecapture-qc', 'ecapture-controller']);
    expect(ids(filterApps(apps, 'ARCHIVE'))).toEqual(['7zip']);
    expect(ids(filterApps(apps, 'files'))).toEqual(['windows-explorer', '7zip']);
  });

  it('an empty or blank query matches everything', () => {
    expect(filterApps(apps, '')).toHaveLength(apps.length);
    expect(filterApps(apps, '   ')).toHaveLength(apps.length);
  });

  it('every word must match, in any order', () => {
    expect(ids(filterApps(apps, 'qc capture'))).toEqual(['ecapture-qc']);
    expect(filterApps(apps, 'capture archive')).toEqual([]);
  });

  it('ignores accents and treats regex characters literally', () => {
    expect(matchesQuery(tile({ id: 'x', name: 'Éclair Viewer' }), 'eclair')).toBe(true);
    expect(filterApps(apps, '.*')).toEqual([]);
  });
});

describe('sorting and sections', () => {
  it('puts the virtual desktop first, then apps by name', () => {
    const sorted = ids(sortApps(apps));
    expect(sorted[0]).toBe('desktop');
    const names = sortApps(apps).slice(1).map((a) => a.name.toLowerCase());
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
  });

  it('recent lists launched apps newest first, at most the limit', () => {
    expect(ids(recentApps(apps))).toEqual(['eclipse-admin', 'ecapture-controller']);
    const many = Array.from({ length: RECENT_LIMIT + 3 }, (_, i) =>
      tile({ id: `a${i}`, name: `A${i}`, lastLaunchedAt: new Date(Date.UTC(2026, 0, i + 1)).toISOString() }),
    );
    const recent = recentApps(many);
    expect(recent).toHaveLength(RECENT_LIMIT);
    expect(recent[0]?.id).toBe(`a${RECENT_LIMIT + 2}`);
  });

  it('recent skips unparsable times', () => {
    expect(recentApps([tile({ id: 'bad', name: 'Bad', lastLaunchedAt: 'not a date' })])).toEqual([]);
  });

  it('builds favorites, recent and all', () => {
    const sections = buildSections(apps, '');
    expect(ids(sections.favorites).sort()).toEqual(['7zip', 'eclipse-admin']);
    expect(ids(sections.recent)).toEqual(['eclipse-admin', 'ecapture-controller']);
    expect(sections.all).toHaveLength(apps.length);
  });

  it('filters every section and hides recent while searching', () => {
    const sections = buildSections(apps, 'eclipse');
    expect(ids(sections.favorites)).toEqual(['eclipse-admin']);
    expect(sections.recent).toEqual([]);
    expect(ids(sections.all)).toEqual(['eclipse-admin']);
  });
});
