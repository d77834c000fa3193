import type { FakeUser } from '../../fakes/fake-discord.js';

/** The members of the fake server that the Discord tests use. */
export const ann: FakeUser = { id: '1100000000000000101', username: 'ann', globalName: 'Ann' };
export const bob: FakeUser = { id: '1100000000000000102', username: 'bob', globalName: 'Bob' };
export const cat: FakeUser = {
  id: '1100000000000000103',
  username: 'cat',
  globalName: 'Cat',
  nick: 'Cat at work',
};
export const dan: FakeUser = { id: '1100000000000000104', username: 'dan' };

export const everyone = [ann, bob, cat, dan];
