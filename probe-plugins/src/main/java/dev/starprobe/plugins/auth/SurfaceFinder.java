package dev.starprobe.plugins.auth;

import dev.starprobe.model.Service;
import dev.starprobe.spi.CheckContext;

import java.io.IOException;
import java.util.List;

/** Finds one kind of login surface on a service, with SAFE requests only: no credential is sent here. */
@FunctionalInterface
interface SurfaceFinder {
    List<LoginSurface> find(CheckContext ctx, Service svc) throws IOException;
}
