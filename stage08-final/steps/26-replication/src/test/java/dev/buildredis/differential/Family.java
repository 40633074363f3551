package dev.buildredis.differential;

import java.util.List;

/**
 * One family of commands the generator draws from: a table of {@link Template}s and how often the family is
 * drawn. Covering a new family (streams, bitmaps, geo) is one more class like {@link ListFamily} listed in
 * {@link Generator#FAMILIES}.
 */
interface Family {

    /** How often this family is drawn, relative to the others. */
    int weight();

    List<Template> templates();
}
