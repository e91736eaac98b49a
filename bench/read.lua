-- wrk script: signed-in reads of a customer page. Needs PD_COOKIE.
function init(args)
  wrk.headers["Cookie"] = os.getenv("PD_COOKIE")
end
request = function() return wrk.format("GET", "/api/v1/programs/1/customers?limit=20") end
