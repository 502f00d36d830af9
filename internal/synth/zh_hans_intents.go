package synth

// hansIntentPhrases are the Simplified Chinese phrases that depend on the
// conversation's intent.
func hansIntentPhrases() rawBook {
	return rawBook{
		// order status
		keyOpen(IntentOrderStatus, moodCalm): {
			"[请问|想问下]我的订单[怎么还没发货|现在什么状态]？",
			"我[前天|昨天|上周]买的{product}，什么时候发货呀",
			"帮我查一下订单[进度|状态]，谢谢",
			"{product}下单好几天了，显示还在待发货",
		},
		keyOpen(IntentOrderStatus, moodAnxious): {
			"我买的{product}[还没发货|一直没动静]，周末要用的，能赶上吗？",
			"订单怎么还没发？我着急用",
			"付款好几天了还没发货，是不是没货了？",
		},
		keyOpen(IntentOrderStatus, moodAngry): {
			"都一个星期了还不发货！！你们到底还卖不卖？",
			"{product}下单五天了还不发，骗人的吧？",
			"[说好的|不是说]48小时发货吗？现在都几天了？",
		},
		keyDetail(IntentOrderStatus): {
			"是{date}下的单，付了{price}",
			"页面一直显示待发货",
			"我看别人买的都发了",
			"当时客服说{days}天内发货",
		},
		keyResolve(IntentOrderStatus): {
			"查到了，您的订单已经打包完成，预计今天[下午|晚上]发出，发货后会有短信通知。",
			"您的{product}目前在仓库排队出库，预计{days}天内发出。",
			"订单已经发货了，快递单号是{tracking}，{courier}配送，您可以在订单详情里查看物流。",
			"这款是预售商品，{date}开始统一发货，[请您耐心等待|您留意一下通知]。",
		},
		keyFAQ(IntentOrderStatus): {
			"订单发货后会短信通知您，您也可以在“我的订单”中查看状态。",
			"现货商品一般付款后48小时内发货，预售商品以页面说明为准。",
		},

		// returns and refunds
		keyOpen(IntentReturns, moodCalm): {
			"[你好，|]我想[退货|申请退款]，{product}不太合适",
			"{product}尺码不对，能换一下吗？",
			"请问怎么申请[退款|退货退款]？",
			"我申请的退款[到哪一步了|怎么还没到账]？",
		},
		keyOpen(IntentReturns, moodAnxious): {
			"退款申请好几天了还没到账，会不会有问题啊？",
			"退货已经寄回去了，钱什么时候退？我挺急的",
			"{product}超过7天了还能退吗？还没拆封的",
		},
		keyOpen(IntentReturns, moodAngry): {
			"退款拖了半个月了！！到底退不退？",
			"你们凭什么拒绝我的退款申请？",
			"货都寄回去了钱还没退，你们是骗子吗？",
		},
		keyDetail(IntentReturns): {
			"退货快递单号{tracking}，{date}就签收了",
			"金额是{price}，当时用的微信支付",
			"东西还没拆封，吊牌都在",
			"我是{date}申请的退款",
		},
		keyResolve(IntentReturns): {
			"已经帮您提交退货申请了，上门取件时间是明天{hours}点前，退款{price}会在仓库签收后处理。",
			"查到仓库已收到您的退货，退款{price}已经提交，请留意到账通知。",
			"您的退款已审核通过，金额{price}会原路退回。",
			"已为您办理换货，新的{product}会在仓库收到退货后发出。",
		},
		keyFAQ(IntentReturns): {
			"您可以在“我的订单-申请售后”中提交退货退款申请。",
			"退款一般在商家确认收货后1-3个工作日原路退回。",
		},

		// logistics delays
		keyOpen(IntentLogistics, moodCalm): {
			"我的快递怎么[好几天|三天]没更新了？",
			"物流一直显示在{city}中转，正常吗？",
			"想问一下{product}的快递大概什么时候能到",
			"快递显示已签收，但我没收到",
		},
		keyOpen(IntentLogistics, moodAnxious): {
			"快递卡在{city}好几天不动了，我后天就要出门了",
			"物流好几天没更新，是不是丢件了？有点担心",
			"[送给朋友的生日礼物|急用的东西]，能不能催一下快递",
		},
		keyOpen(IntentLogistics, moodAngry): {
			"快递一个星期都没动！！你们用的什么破快递？",
			"显示签收了我根本没收到！谁签的？",
			"物流三天不更新，打快递电话也没人接，气死了",
		},
		keyDetail(IntentLogistics): {
			"快递单号{tracking}",
			"最后一条物流是{date}到达{city}转运中心",
			"{courier}的，一直没派送",
			"收货地址没问题，之前都能收到",
		},
		keyResolve(IntentLogistics): {
			"查到您的包裹{tracking}目前在{city}转运中心，因天气原因有延误，预计{days}天内送达。",
			"已经帮您联系{courier}加急派送了，今天会有快递员联系您。",
			"包裹确实异常，我这边帮您[申请补发|登记丢件理赔]，新的单号稍后短信通知您。",
			"签收异常已经提交给{courier}核查，{hours}小时内给您回复。",
		},
		keyFAQ(IntentLogistics): {
			"您可以在订单详情中查看实时物流信息，如超过72小时未更新可联系人工客服。",
			"受天气影响，部分地区配送会有延迟，请您耐心等待。",
		},

		// product quality
		keyOpen(IntentQuality, moodCalm): {
			"收到的{product}[有点问题|好像坏了]",
			"{product}用了两天就[充不进电|开不了机|开胶了]",
			"{product}[有色差|有划痕|味道不对]，能处理吗？",
			"想反馈一下{product}的质量问题",
		},
		keyOpen(IntentQuality, moodAnxious): {
			"{product}[发烫得厉害|有股焦味]，会不会有安全问题？",
			"孩子用了{product}[起红疹了|不舒服]，是不是质量有问题？",
			"刚买的{product}就出问题了，能保修吗？",
		},
		keyOpen(IntentQuality, moodAngry): {
			"你们卖的{product}是假货吧！！质量太差了",
			"{product}第一天就坏了，这什么垃圾质量？",
			"花了{price}买的{product}，用一次就坏，退钱！",
		},
		keyDetail(IntentQuality): {
			"拍了照片，{product}外壳[裂了|有划痕]",
			"{date}收到的，一直按说明书使用",
			"批次是{batch}",
			"包装是完好的，拆开就这样",
		},
		keyResolve(IntentQuality): {
			"质量问题我们支持换新，已为您登记，新的{product}会尽快寄出。",
			"已经帮您提交质检售后，会安排上门取件，检测后{days}个工作日内给您处理结果。",
			"这边为您申请了{price}的补偿，同时可以免费退货。",
			"已反馈给品控部门核查批次{batch}，同时为您办理退货退款。",
		},
		keyFAQ(IntentQuality): {
			"如收到的商品有质量问题，请在签收15天内提交售后申请并上传照片。",
			"质量问题退换货运费由商家承担。",
		},

		// shelf life and expiry
		keyOpen(IntentShelfLife, moodCalm): {
			"请问{product}的保质期是多久？",
			"{product}[生产日期|生产批次]是什么时候的？",
			"想问下{product}开封后能保存多久",
			"{product}的保存期限[是到什么时候|有多长]？",
			"现在买{product}会不会发临期的？",
		},
		keyOpen(IntentShelfLife, moodAnxious): {
			"我买的{product}好像快过期了，[孩子|家里老人]已经喝了，会不会有事？",
			"{product}上的生产日期看不清楚，宝宝还能吃吗？有点担心",
			"收到的{product}离过期只有{days}天了，还能吃吗？",
			"{product}是不是过期了？味道有点酸",
		},
		keyOpen(IntentShelfLife, moodAngry): {
			"你们卖的{product}都过期了！！",
			"{product}生产日期是{date}，保质期{shelf}，早就过期了！卖过期货？",
			"收到的{product}是临期货，你们怎么回事？",
			"过期的{product}也敢卖给小孩吃？？",
		},
		keyDetail(IntentShelfLife): {
			"生产日期是{date}，保质期写的{shelf}",
			"包装上写的保存期限到{expiry}",
			"批次号是{batch}",
			"盒子上印的生产日期{date}，到期{expiry}",
		},
		keyResolve(IntentShelfLife): {
			"查到您收到的批次是{batch}，生产日期{date}，保质期{shelf}，[在保质期内，可以放心食用|目前还在保质期内]。",
			"临期商品我们为您办理退货退款，运费由我们承担。",
			"{product}保质期是{shelf}，未开封常温保存即可，开封后请冷藏并在48小时内饮用完。",
			"已经帮您登记批次{batch}的问题，给您补发一份新日期的{product}。",
		},
		keyFAQ(IntentShelfLife): {
			"{product}的保质期为{shelf}，具体生产日期以包装标示为准。",
			"食品类商品发货时保证剩余保质期不少于三分之二。",
		},

		// billing
		keyOpen(IntentBilling, moodCalm): {
			"为什么我被扣了两次钱？",
			"想开一下发票，怎么操作？",
			"订单金额和我付的不一样，能帮我看一下吗？",
			"我的{coupon}的券没抵扣成功",
		},
		keyOpen(IntentBilling, moodAnxious): {
			"信用卡被重复扣款了{price}，能退回来吗？",
			"付款显示失败但钱扣了，怎么办？",
			"发票着急报销，什么时候能开好？",
		},
		keyOpen(IntentBilling, moodAngry): {
			"凭什么多扣我{price}？！",
			"重复扣款还不给退，你们是抢钱吗？",
			"账单根本不对，乱扣费！",
		},
		keyDetail(IntentBilling): {
			"{date}扣了两笔，每笔{price}",
			"实付{price}，页面显示应付更少",
			"发票抬头写个人就行，发到{email}",
			"用的是尾号{last4}的卡",
		},
		keyResolve(IntentBilling): {
			"查到确实重复扣款了，多扣的{price}已经为您发起退款。",
			"电子发票已经开好，会发送到您的邮箱。",
			"差额是运费险和包装费，明细在订单详情里可以看到。",
			"付款失败的金额会由银行自动退回，一般1-3个工作日到账。",
		},
		keyFAQ(IntentBilling): {
			"电子发票可在订单详情页“申请开票”中提交，开具后发送至您的邮箱。",
			"重复扣款一般会在1-3个工作日内自动退回原支付账户。",
		},

		// account
		keyOpen(IntentAccount, moodCalm): {
			"我想改一下账户绑定的手机号",
			"账号登录不上去了，怎么办？",
			"怎么修改默认收货地址？",
			"想注销账号，要怎么操作？",
		},
		keyOpen(IntentAccount, moodAnxious): {
			"我的账号好像被别人登录了，有陌生订单！",
			"收到验证码短信但不是我操作的，账号安全吗？",
			"手机号换了收不到验证码，登录不了",
		},
		keyOpen(IntentAccount, moodAngry): {
			"账号被盗了你们都不管吗？？",
			"为什么无缘无故把我账号封了？",
			"改个手机号要折腾半天，烦死了！",
		},
		keyDetail(IntentAccount): {
			"新手机号是{phone}",
			"注册邮箱是{email}",
			"[昨天|{date}]开始就登录不了了",
			"账户里有一笔{price}的订单不是我下的",
		},
		keyResolve(IntentAccount): {
			"已为您重置登录密码，请通过短信链接重新设置。",
			"手机号已经换绑成功，下次登录请使用新号码。",
			"已经为您冻结账户并撤销异常订单，建议您尽快修改密码。",
			"收货地址可以在“我的-地址管理”里修改，我这边也已经帮您更新了。",
		},
		keyFAQ(IntentAccount): {
			"您可以在“设置-账户与安全”中修改绑定手机号。",
			"如账号异常，请立即修改密码并联系人工客服冻结账户。",
		},

		// promotions
		keyOpen(IntentPromotions, moodCalm): {
			"{coupon}的活动[还有吗|什么时候开始]？",
			"618活动{product}会降价吗？",
			"[请问|想问下]怎么领优惠券？",
			"保价怎么申请？我买完就降价了",
		},
		keyOpen(IntentPromotions, moodAnxious): {
			"活动快结束了，{coupon}的券怎么用不了？",
			"刚下单就降价了{price}，还能保价吗？今天最后一天",
			"赠品没收到，活动页写了买就送的",
		},
		keyOpen(IntentPromotions, moodAngry): {
			"说好的{coupon}，结算的时候根本没减！骗人！",
			"刚买完就降价{price}，你们这不是坑人吗？",
			"活动规则写得乱七八糟，就是故意不给优惠",
		},
		keyDetail(IntentPromotions): {
			"活动页写的{coupon}",
			"我是{date}买的，付了{price}",
			"现在页面价格便宜了{price}",
			"赠品是{product}",
		},
		keyResolve(IntentPromotions): {
			"已经为您申请保价，审核通过后差价{price}会在1-3个工作日内原路退回。",
			"{coupon}的券需要先在活动页领取，结算时勾选即可使用。",
			"赠品漏发了，已经为您补发，单号稍后短信通知。",
			"活动{date}开始，届时{product}有{coupon}的优惠。",
		},
		keyFAQ(IntentPromotions): {
			"优惠券可在“领券中心”领取，结算时自动抵扣。",
			"商品降价可在下单后7天内申请价格保护。",
		},
	}
}
