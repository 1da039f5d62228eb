// The socket's sequence numbers: which messages show that others were left out.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { followSequence } from '../../main/resources/webroot/shared/sequence.js';

test('the first numbered message after a subscription is never a gap', () => {
  assert.deepEqual(followSequence(undefined, { type: 'steps', firstSeq: 40, seq: 42 }), {
    gap: false,
    last: 42,
  });
});

test('a batch that starts right after the newest seq seen is no gap', () => {
  assert.deepEqual(followSequence(4, { type: 'steps', firstSeq: 5, seq: 9 }), { gap: false, last: 9 });
});

test('a batch that starts beyond the next seq is a gap', () => {
  assert.deepEqual(followSequence(4, { type: 'steps', firstSeq: 7, seq: 9 }), { gap: true, last: 9 });
});

test('a message without firstSeq is its own first', () => {
  assert.equal(followSequence(4, { type: 'state', seq: 5 }).gap, false);
  assert.equal(followSequence(4, { type: 'state', seq: 6 }).gap, true);
});

test('the answer to a subscription and a recovery count afresh', () => {
  assert.equal(followSequence(4, { type: 'state', seq: 90, change: 'subscribed' }).gap, false);
  assert.equal(followSequence(4, { type: 'state', seq: 90, change: 'recovered' }).gap, false);
});

test('an older seq neither is a gap nor moves the newest back', () => {
  assert.deepEqual(followSequence(9, { type: 'state', seq: 3 }), { gap: false, last: 9 });
});

test('messages without a seq change nothing', () => {
  assert.deepEqual(followSequence(9, { type: 'reply', requestId: 2 }), { gap: false, last: 9 });
  assert.deepEqual(followSequence(undefined, { type: 'error' }), { gap: false, last: undefined });
});

test('following a stream of messages flags exactly the skipped ones', () => {
  const messages = [
    { type: 'state', seq: 1, change: 'subscribed' },
    { type: 'steps', firstSeq: 2, seq: 4 },
    { type: 'skipped', firstSeq: 5, seq: 90 },
    { type: 'steps', firstSeq: 95, seq: 96 },
    { type: 'steps', firstSeq: 97, seq: 97 },
  ];
  let last;
  const gaps = messages.map((m) => {
    const followed = followSequence(last, m);
    last = followed.last;
    return followed.gap;
  });
  assert.deepEqual(gaps, [false, false, false, true, false]);
  assert.equal(last, 97);
});
