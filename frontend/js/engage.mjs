// Progressive enhancement only: every journey works without this file.
import { initAll } from "../govuk/govuk-frontend.min.js";

// base.html's inline script has marked the body as supported already.
initAll();
