import { describeDeu } from './deu.test-helper';

// NOTES.md §6.1: KTAB's final c·s-weighted mean scores 21.61 with Council-vote capabilities.
describeDeu('votes', 'council_votes', 21.61);
