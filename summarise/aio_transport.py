"""An httpx2 transport that sends through an aiohttp connection pool: the server backend's async transport.

httpcore2's pool checks every pooled connection (a ``getpeername`` and a ``poll`` system call each) twice
per request, so with many requests in flight the cost grows with the square of the concurrency; aiohttp
reuses a connection in constant time and parses HTTP in C (bench/README.md, finding 4).

The openai client still speaks httpx: only the exchange on the wire goes through aiohttp. aiohttp's
errors are raised as httpx's, so the transport's retry layer (summarise/retrying.py) and the openai
client treat them as before::

    aiohttp error                            raised as
    ConnectionTimeoutError (sock_connect)    httpx.ConnectTimeout
    any other timeout (sock_read)            httpx.ReadTimeout
    ClientConnectorError (refused, DNS)      httpx.ConnectError
    ServerDisconnectedError                  httpx.RemoteProtocolError
    ClientPayloadError, ClientResponseError  httpx.RemoteProtocolError
    any other ClientConnectionError          httpx.ReadError

httpx's connect and read timeouts apply (aiohttp has no write or pool timeout). Each response is read
whole before it is returned: the chat completions we ask for are not streamed.
"""

from __future__ import annotations

import aiohttp
import httpx2 as httpx
import yarl

__all__ = ["AiohttpTransport"]

# Hop-by-hop framing of the request body: aiohttp frames the bytes it is given itself.
_FRAMING_HEADERS = frozenset({"content-length", "transfer-encoding"})


class AiohttpTransport(httpx.AsyncBaseTransport):
    """Sends each request through one aiohttp session, opened on first use (on the running event loop)
    and closed by :meth:`aclose`. The pool has no connection limit, like the httpx pool it replaces."""

    def __init__(self) -> None:
        self._session: aiohttp.ClientSession | None = None

    def _client_session(self) -> aiohttp.ClientSession:
        if self._session is None:
            # The same certificate checks as httpx; httpx keeps the cookies, and decodes gzip itself
            # from the Content-Encoding header, so aiohttp does neither.
            connector = aiohttp.TCPConnector(limit=0, ssl=httpx.create_ssl_context())
            self._session = aiohttp.ClientSession(connector=connector, cookie_jar=aiohttp.DummyCookieJar(),
                                                  auto_decompress=False)
        return self._session

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        timeout = request.extensions.get("timeout") or {}
        headers = [(name.decode("latin-1"), value.decode("latin-1")) for name, value in request.headers.raw
                   if name.lower().decode("latin-1") not in _FRAMING_HEADERS]
        body = await request.aread()
        try:
            async with self._client_session().request(
                request.method, yarl.URL(str(request.url), encoded=True), headers=headers, data=body,
                timeout=aiohttp.ClientTimeout(total=None, sock_connect=timeout.get("connect"),
                                              sock_read=timeout.get("read")),
                allow_redirects=False,
            ) as answer:
                return _response(answer, await answer.read(), request)
        except aiohttp.ConnectionTimeoutError as error:
            raise httpx.ConnectTimeout(str(error) or "timed out connecting", request=request) from error
        except TimeoutError as error:
            raise httpx.ReadTimeout(str(error) or "timed out reading the response", request=request) from error
        except aiohttp.ClientConnectorError as error:
            raise httpx.ConnectError(str(error), request=request) from error
        except (aiohttp.ServerDisconnectedError, aiohttp.ClientPayloadError, aiohttp.ClientResponseError) as error:
            raise httpx.RemoteProtocolError(str(error), request=request) from error
        except aiohttp.ClientConnectionError as error:
            raise httpx.ReadError(str(error), request=request) from error

    async def aclose(self) -> None:
        if self._session is not None:
            session, self._session = self._session, None
            await session.close()


def _response(answer: aiohttp.ClientResponse, content: bytes, request: httpx.Request) -> httpx.Response:
    """aiohttp's answer as httpx's, its body still encoded as sent (httpx decodes it)."""
    version = answer.version or aiohttp.HttpVersion11
    extensions = {"http_version": f"HTTP/{version.major}.{version.minor}".encode("ascii"),
                  "reason_phrase": (answer.reason or "").encode("latin-1", "replace")}
    return httpx.Response(answer.status, headers=list(answer.raw_headers), content=content, request=request,
                          extensions=extensions)
