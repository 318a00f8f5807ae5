"""The cross-app layer: pages and jobs that see every app (home and dashboard, to-do, search,
the work summary, the API, accounts). It finds each app's hooks (federation.portal.hooks) and
names no app."""
