import { describeDeu } from './deu.test-helper';

// NOTES.md §6.1: KTAB's final c·s-weighted mean scores 22.09 with equal capabilities.
describeDeu('equal', 'equal', 22.09);
