file(REMOVE_RECURSE
  "libpith.a"
)
