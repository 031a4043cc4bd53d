import type { FastifyInstance } from "fastify";
import { accessAllows } from "../../domain/user.ts";
import type { NewsroomKit } from "../kit.ts";
import { NewsroomLayout } from "../layout.tsx";

/** `/newsroom`: where each part of the newsroom is, for the viewer's role. */
export function registerDeskHome(app: FastifyInstance, kit: NewsroomKit): void {
  kit.nav.unshift({ href: "/newsroom", label: "Desk", access: "signed-in" });
  app.get("/newsroom", { config: { access: "signed-in" } }, async (request, reply) => {
    const ctx = kit.ctx(request);
    const viewer = kit.viewer(request);
    const parts = ctx.nav.filter(
      (n) => n.href !== "/newsroom" && accessAllows(n.access, viewer.role),
    );
    return kit.send(
      reply,
      <NewsroomLayout ctx={ctx} title="Desk">
        <h1>Good to see you, {viewer.user.name}</h1>
        {parts.length === 0 ? (
          <p>Nothing here for your role yet.</p>
        ) : (
          <ul class="nr-cards">
            {parts.map((p) => (
              <li key={p.href}>
                <h2>
                  <a href={p.href}>{p.label}</a>
                </h2>
              </li>
            ))}
          </ul>
        )}
      </NewsroomLayout>,
    );
  });
  // `/newsroom/` is the same place.
  app.get("/newsroom/", { config: { access: "public" } }, async (_request, reply) =>
    reply.redirect("/newsroom", 301),
  );
}
