/** The wire messages of SPEC §3, §9 and §10 that the client reads or sends (unknown fields are kept). */
export {};
