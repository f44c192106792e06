// Copies GOV.UK Frontend's script and images next to our compiled CSS, so the
// site serves everything itself: no CDN, nothing loaded from outside.
import { cpSync, mkdirSync } from "node:fs";

const dist = "node_modules/govuk-frontend/dist/govuk";
mkdirSync("static_build/govuk", { recursive: true });
cpSync(`${dist}/govuk-frontend.min.js`, "static_build/govuk/govuk-frontend.min.js");
cpSync(`${dist}/assets/images`, "static_build/govuk/assets/images", { recursive: true });
cpSync(`${dist}/assets/manifest.json`, "static_build/govuk/assets/manifest.json");
mkdirSync("static_build/js", { recursive: true });
cpSync("frontend/js/engage.mjs", "static_build/js/engage.mjs");
