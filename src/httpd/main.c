/*
 * main.c
 *	  linkedevents-httpd: options, the listening socket, the daemon with its
 *	  pool of worker threads, and the graceful stop on SIGTERM or SIGINT.
 *
 * A thread per client connection, so that no request waits behind another
 * one's database call; the calls share --threads database connections
 * (pool.c): the number of requests answered at once.
 */
#include "httpd.h"

#include <netdb.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* The address of config.listen ("host:port", "[v6]:port"); exits if none. */
static struct addrinfo *
listen_address(char *host)
{
	char	   *port = strrchr(host, ':');
	struct addrinfo hints = {.ai_socktype = SOCK_STREAM, .ai_flags = AI_PASSIVE | AI_NUMERICSERV};
	struct addrinfo *addr;
	int			error;

	*port++ = '\0';
	if (host[0] == '[' && host[strlen(host) - 1] == ']')
	{
		host[strlen(host) - 1] = '\0';
		host++;
	}
	if ((error = getaddrinfo(*host ? host : NULL, port, &hints, &addr)) != 0)
	{
		fprintf(stderr, "linkedevents-httpd: cannot listen on %s: %s\n",
				config.listen, gai_strerror(error));
		exit(1);
	}
	return addr;
}

int
main(int argc, char **argv)
{
	sigset_t	signals;
	int			signal_number;
	struct MHD_Daemon *daemon;
	struct addrinfo *addr;
	char	   *listen_copy;
	struct timespec tick = {0, 10 * 1000 * 1000};
	long		waited_ms = 0;

	options_parse(argc, argv);
	setvbuf(stderr, NULL, _IOLBF, 0);

	/* Blocked here, so in every thread; main waits for them below. */
	sigemptyset(&signals);
	sigaddset(&signals, SIGTERM);
	sigaddset(&signals, SIGINT);
	pthread_sigmask(SIG_BLOCK, &signals, NULL);
	signal(SIGPIPE, SIG_IGN);

	pool_init();
	listen_copy = strdup(config.listen);
	addr = listen_address(listen_copy);
	daemon = MHD_start_daemon(MHD_USE_AUTO_INTERNAL_THREAD | MHD_USE_THREAD_PER_CONNECTION |
							  MHD_USE_ITC | MHD_USE_ERROR_LOG |
							  (addr->ai_family == AF_INET6 ? MHD_USE_IPv6 : 0),
							  0, NULL, NULL, request_handle, NULL,
							  MHD_OPTION_SOCK_ADDR, addr->ai_addr,
							  MHD_OPTION_URI_LOG_CALLBACK, request_begin, NULL,
							  MHD_OPTION_NOTIFY_COMPLETED, request_done, NULL,
							  MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int) 60,
							  MHD_OPTION_END);
	if (daemon == NULL)
	{
		fprintf(stderr, "linkedevents-httpd: cannot listen on %s\n", config.listen);
		return 1;
	}
	/* with the port taken when it was 0: the tests read it here */
	fprintf(stderr, "linkedevents-httpd: listening on http://%.*s:%u%sv1/ with %d threads\n",
			(int) (strrchr(config.listen, ':') - config.listen), config.listen,
			MHD_get_daemon_info(daemon, MHD_DAEMON_INFO_BIND_PORT)->port,
			config.prefix, config.threads);
	freeaddrinfo(addr);
	free(listen_copy);

	sigwait(&signals, &signal_number);
	fprintf(stderr, "linkedevents-httpd: %s: finishing %d requests in flight\n",
			strsignal(signal_number), requests_in_flight());
	requests_closing();
	close(MHD_quiesce_daemon(daemon));
	/* A request takes at most the timeout; give it one second more. */
	while (requests_in_flight() > 0 && waited_ms < config.timeout_ms + 1000)
	{
		nanosleep(&tick, NULL);
		waited_ms += 10;
	}
	MHD_stop_daemon(daemon);
	pool_close();
	fprintf(stderr, "linkedevents-httpd: stopped\n");
	return 0;
}
