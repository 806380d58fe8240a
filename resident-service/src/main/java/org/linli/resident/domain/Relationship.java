package org.linli.resident.domain;

/** A resident's relationship to the head of their household (与户主关系). */
public enum Relationship {
    HEAD, SPOUSE, CHILD, CHILD_IN_LAW, PARENT, GRANDCHILD, SIBLING, TENANT, OTHER
}
