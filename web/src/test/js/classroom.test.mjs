// The classroom link: which controls a query hides, and the link for a choice.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { classroomLink, hideParam, parseHidden } from '../../main/resources/webroot/js/classroom.js';

test('a query hides the controls it names, known ones only, each once, in order', () => {
  assert.deepEqual(parseHidden('?preset=notebook&hide=lr,setup,SETUP,bogus'), ['setup', 'lr']);
  assert.deepEqual(parseHidden('?preset=notebook'), []);
  assert.deepEqual(parseHidden('?hide='), []);
});

test('the hide part lists the choice in the dialog order, or nothing', () => {
  assert.equal(hideParam(['forget', 'setup']), 'hide=setup,forget');
  assert.equal(hideParam([]), '');
  assert.equal(hideParam(['nope']), '');
});

test('the link keeps the setup and replaces the hide part', () => {
  assert.equal(
    classroomLink('http://room:8080', '/', '?preset=notebook&lr=0.1&hide=relu', ['setup', 'lr']),
    'http://room:8080/?preset=notebook&lr=0.1&hide=setup,lr',
  );
  assert.equal(classroomLink('http://room:8080', '/', '?preset=notebook&hide=relu', []), 'http://room:8080/?preset=notebook');
  assert.equal(classroomLink('http://room:8080', '/', '', []), 'http://room:8080/');
});

test('what the link hides is what the page reads back', () => {
  const link = classroomLink('http://x', '/', '?preset=notebook', ['speed', 'downloads']);
  assert.deepEqual(parseHidden(new URL(link).search), ['speed', 'downloads']);
});
