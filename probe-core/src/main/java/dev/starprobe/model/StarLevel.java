package dev.starprobe.model;

public enum StarLevel { STAR_1, STAR_2, STAR_3, STAR_4, NONE }
