// Progressive enhancement only: every page works without JavaScript.
import { initAll } from '/javascripts/govuk-frontend.min.js';

initAll();
