import type { Records } from '../store/records.ts';
import { ALL_CLUBS, clubKey, clubSchema, guildPrefix, type Club } from './club.ts';

/** What an update function may answer: the new club, `undefined` to delete it, or a reason to leave it. */
export type Change = { club: Club | undefined } | { refuse: string };

/** How often an update retries after losing a race; more means a record that changes without pause. */
const ATTEMPTS = 20;

/** Rewatch clubs on the shared records store, changed only by compare-and-set. */
export class ClubStore {
  constructor(private readonly records: Records) {}

  private parse(raw: string | undefined): Club | undefined {
    if (raw === undefined) return undefined;
    const parsed = clubSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  }

  async get(guildId: string, channelId: string): Promise<Club | undefined> {
    return this.parse(await this.records.get(clubKey(guildId, channelId)));
  }

  async byKey(key: string): Promise<Club | undefined> {
    return this.parse(await this.records.get(key));
  }

  async list(guildId?: string): Promise<Club[]> {
    const rows = await this.records.list(guildId ? guildPrefix(guildId) : ALL_CLUBS);
    return rows.map(([, raw]) => this.parse(raw)).filter((c): c is Club => c !== undefined);
  }

  /** Creates the club unless the channel already has one; false when it does. */
  async create(club: Club): Promise<boolean> {
    return this.records.swap(clubKey(club.guildId, club.channelId), undefined, JSON.stringify(club));
  }

  /**
   * Applies `change` to the club's current value atomically: if another process changed it in the
   * meantime, `change` runs again on the new value. Resolves to what was written, or the refusal.
   */
  async update(key: string, change: (club: Club | undefined) => Change): Promise<Change> {
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const raw = await this.records.get(key);
      const result = change(this.parse(raw));
      if ('refuse' in result) return result;
      const value = result.club === undefined ? undefined : JSON.stringify(result.club);
      if (value === raw) return result;
      if (await this.records.swap(key, raw, value)) return result;
    }
    return { refuse: 'The club changed too often at once; try again.' };
  }
}
